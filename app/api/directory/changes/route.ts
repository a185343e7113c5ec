import { changesPage } from "@/lib/server/changes/changes-read";
import { CHANGES_PAGE_PARAMS, parsePageParams, refuseOtherParams, resolveSyncPair } from "@/lib/server/changes/changes-request";
import { errorResponse } from "@/lib/server/http/error-response";
import { requireSession } from "@/lib/server/session/session";
import { store } from "@/lib/server/store/instance";

/*
 * GET /api/directory/changes?from&to[&kind][&limit][&cursor] (CONTRACT.md): every difference between
 * two complete syncs, in a stable order, a page at a time; `next_cursor` is always present, null on
 * the last page. Read from the store only: no upstream call, whatever the input.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const bad = refuseOtherParams(request, CHANGES_PAGE_PARAMS);
  if (bad) return bad;
  const params = new URL(request.url).searchParams;
  try {
    const database = await store();
    const pair = await resolveSyncPair(database, params);
    if (pair instanceof Response) return pair;
    const page = parsePageParams(params, pair.from, pair.to);
    if (page instanceof Response) return page;
    return Response.json(await changesPage(database, pair, page), { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
