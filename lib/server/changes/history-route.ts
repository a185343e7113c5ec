import "server-only";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import { errorResponse } from "@/lib/server/http/error-response";
import { checkId } from "@/lib/server/http/id-check";
import { requireSession } from "@/lib/server/session/session";
import { historyRepository } from "@/lib/server/store/history";
import { store } from "@/lib/server/store/instance";
import type { HistoryEvent } from "@/lib/shared/changes/history";

/*
 * The history routes (GET /api/directory/history/...): session, no query parameters, ids checked
 * before the store is read, `{events}` newest first. From the store only, never upstream.
 */

type Repo = ReturnType<typeof historyRepository>;

export async function answerHistory(request: Request, ids: Array<[string, Parameters<typeof checkId>[1]]>, read: (repo: Repo) => Promise<HistoryEvent[]>): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const bad = refuseUnexpectedQuery(request);
  if (bad) return bad;
  for (const [value, what] of ids) {
    const refused = checkId(value, what);
    if (refused) return refused;
  }
  try {
    const repo = historyRepository(await store());
    const events = await read(repo);
    return Response.json({ events, labels: await repo.labels(events) }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
