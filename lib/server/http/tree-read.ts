import "server-only";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { LIVE_ANSWER } from "@/lib/shared/directory/tree-wire";
import type { Directory } from "@/lib/shared/directory/types";
import { AS_OF_PARAM, takeAsOf } from "./as-of";
import { storeAnswers, syncHeaders } from "./directory-read";
import { jsonError } from "./error-response";
import { sessionRead } from "./session-read";

/*
 * The road of a whole-tree route (lib/shared/directory/tree-wire.ts): a session, only `as_of`, the
 * path's ids checked, then the answer built from that sync's directory, or from the newest complete
 * one. Before the first sync completes it answers `{source: "live"}` at once, and the page asks
 * organization by organization instead. No upstream call either way.
 */
export function treeRead<P extends Record<string, string> = Record<string, never>>(
  /** The body, or a Response to send instead (a 404 for an id the sync does not hold). */
  answer: (directory: Directory, params: P) => unknown,
  /** A 400 for a path id of the wrong shape, before anything is read. */
  check?: (params: P) => Response | null,
) {
  return sessionRead<{ params?: Promise<P> }>({ query: [AS_OF_PARAM] }, async (request, _officer, ctx) => {
    const params = ((await ctx?.params) ?? {}) as P;
    const refused = check?.(params);
    if (refused) return refused;
    const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
    if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
    if (!(await storeAnswers(asOf.asOf))) {
      return Response.json(LIVE_ANSWER, { headers: { "cache-control": "private, no-store", "x-directory-source": "live" } });
    }
    const directory = await loadDirectory({ signal: request.signal, asOf: asOf.asOf });
    const body = answer(directory, params);
    if (body instanceof Response) return body;
    return Response.json(body, { headers: syncHeaders(directory) });
  });
}
