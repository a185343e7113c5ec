import { errorResponse } from "@/lib/http/error-response";
import { wantsFresh } from "@/lib/directory/ndjson";
import { loadDirectory } from "@/lib/directory/snapshot";
import type { DirectorySummary } from "@/lib/directory/wire";
import { refuseUnexpectedQuery } from "@/lib/hardening/query-guard";
import { AS_OF_PARAM, takeAsOf } from "@/lib/http/as-of";
import { jsonError } from "@/lib/http/error-response";
import { requireSession } from "@/lib/session/session";

/*
 * GET /api/directory/summary: the directory's counts for the Overview header (organizations,
 * distinct people, memberships, groups...). Served from the snapshot when it is within the TTL,
 * otherwise it joins or starts the walk and answers when that finishes. `as_of=<sync id>`: that sync's.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const badQuery = refuseUnexpectedQuery(request, [AS_OF_PARAM]);
  if (badQuery) return badQuery;
  const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  try {
    const directory = await loadDirectory({ signal: request.signal, fresh: wantsFresh(request), asOf: asOf.asOf });
    const body: DirectorySummary = { builtAt: directory.builtAt, counts: directory.counts };
    const sync: Record<string, string> = directory.sync ? { "x-directory-sync": directory.sync.id, "x-directory-as-of": directory.sync.finishedAt } : {};
    return Response.json(body, { headers: { "cache-control": "private, no-store", ...sync } });
  } catch (err) {
    return errorResponse(err);
  }
}
