import { wantsFresh } from "@/lib/server/directory/ndjson";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { DirectorySummary } from "@/lib/shared/directory/wire";
import { AS_OF_PARAM, takeAsOf } from "@/lib/server/http/as-of";
import { jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";

/*
 * GET /api/directory/summary: the directory's counts for the Overview header (organizations,
 * distinct people, memberships, groups...). Served from the snapshot when it is within the TTL,
 * otherwise it joins or starts the walk and answers when that finishes. `as_of=<sync id>`: that sync's.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead({ query: [AS_OF_PARAM] }, async (request) => {
  const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const directory = await loadDirectory({ signal: request.signal, fresh: wantsFresh(request), asOf: asOf.asOf });
  const body: DirectorySummary = { builtAt: directory.builtAt, counts: directory.counts };
  const sync: Record<string, string> = directory.sync ? { "x-directory-sync": directory.sync.id, "x-directory-as-of": directory.sync.finishedAt } : {};
  return Response.json(body, { headers: { "cache-control": "private, no-store", ...sync } });
});
