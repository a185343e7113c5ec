import "server-only";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { LIVE_ANSWER } from "@/lib/shared/directory/tree-wire";
import type { Directory } from "@/lib/shared/directory/types";
import { AS_OF_PARAM, takeAsOf } from "./as-of";
import { storeAnswers, syncHeaders } from "./directory-read";
import { jsonError } from "./error-response";
import { sessionRead } from "./session-read";

/*
 * The road of a whole-tree route (lib/shared/directory/tree-wire.ts): a session, only `as_of`, then
 * the answer built from that sync's directory, or from the newest complete one. Before the first
 * sync completes it answers `{source: "live"}` at once, and the page asks organization by
 * organization instead. No upstream call either way.
 */
export function treeRead(answer: (directory: Directory) => unknown) {
  return sessionRead({ query: [AS_OF_PARAM] }, async (request) => {
    const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
    if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
    if (!(await storeAnswers(asOf.asOf))) {
      return Response.json(LIVE_ANSWER, { headers: { "cache-control": "private, no-store", "x-directory-source": "live" } });
    }
    const directory = await loadDirectory({ signal: request.signal, asOf: asOf.asOf });
    return Response.json(answer(directory), { headers: syncHeaders(directory) });
  });
}
