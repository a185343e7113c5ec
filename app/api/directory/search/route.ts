import { jsonError } from "@/lib/server/http/error-response";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { searchIndexOf } from "@/lib/server/directory/search-index";
import { SEARCH_MAX_LENGTH, type SearchAnswer } from "@/lib/shared/directory/search-wire";
import { AS_OF_PARAM, takeAsOf } from "@/lib/server/http/as-of";
import { sessionRead } from "@/lib/server/http/session-read";

/*
 * GET /api/directory/search?q=...[&as_of=<sync id>]: the header's search box. Looks up people
 * (email, user id, name), organizations (uuid, name), groups and roles (id, name) in the newest
 * complete sync (or the one as_of names), from memory; shape in lib/shared/directory/search-wire.ts.
 * Every check runs before anything is read, so a bad query never reaches the store or upstream.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead({ query: ["q", AS_OF_PARAM] }, async (request) => {
  const params = new URLSearchParams(new URL(request.url).searchParams);
  const asOf = takeAsOf(params);
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const q = params.get("q");
  if (q === null) return jsonError(400, "invalid_request", 'Query parameter "q" is required: an email, a user_... id, a name, a group or role id or name, or an organization uuid or name.');
  const query = q.trim();
  if (!query) return jsonError(400, "invalid_request", 'Query parameter "q" is empty; type something to search for.');
  if (query.length > SEARCH_MAX_LENGTH) return jsonError(400, "invalid_request", `Query parameter "q" is longer than ${SEARCH_MAX_LENGTH} characters; search for one id, email or name at a time (People takes pasted lists).`);
  // Control characters are never part of an id, an email or a name.
  if (/[\u0000-\u001f\u007f]/.test(query)) return jsonError(400, "invalid_request", 'Query parameter "q" contains control characters; search for an id, email or name.');

  const directory = await loadDirectory({ signal: request.signal, asOf: asOf.asOf });
  const { results, total } = (await searchIndexOf.ready(directory)).search(query);
  const body: SearchAnswer = { query, results, total, ...(directory.sync ? { sync: directory.sync.id } : {}) };
  const sync: Record<string, string> = directory.sync ? { "x-directory-sync": directory.sync.id, "x-directory-as-of": directory.sync.finishedAt } : {};
  return Response.json(body, { headers: { "cache-control": "private, no-store", ...sync } });
});
