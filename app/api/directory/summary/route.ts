import { errorResponse } from "@/lib/http/error-response";
import { wantsFresh } from "@/lib/directory/ndjson";
import { loadDirectory } from "@/lib/directory/snapshot";
import type { DirectorySummary } from "@/lib/directory/wire";
import { refuseUnexpectedQuery } from "@/lib/hardening/query-guard";
import { requireSession } from "@/lib/session/session";

/*
 * GET /api/directory/summary: the directory's counts for the Overview header (organizations,
 * distinct people, memberships, groups...). Served from the snapshot when it is within the TTL,
 * otherwise it joins or starts the walk and answers when that finishes.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const badQuery = refuseUnexpectedQuery(request);
  if (badQuery) return badQuery;
  try {
    const directory = await loadDirectory({ signal: request.signal, fresh: wantsFresh(request) });
    const body: DirectorySummary = { builtAt: directory.builtAt, counts: directory.counts };
    return Response.json(body, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
