import "server-only";
import type { ComplianceRequest } from "@/lib/shared/compliance/endpoints";
import { errorResponse } from "@/lib/server/http/error-response";
import { wantsFresh } from "@/lib/server/http/refresh";
import type { Officer } from "@/lib/server/session/session-data";
import { officerShare } from "@/lib/server/throttle/officer-share";
import { answerOf } from "@/lib/server/upstream/endpoints";

/*
 * The live road to the upstream for one checked request: the proxy `/api/compliance/<path>` always
 * takes it, and the store-backed `/api/directory/...` routes take it until the first sync is
 * complete. Callers have checked the session, the ids and the parameters already.
 */

/** `resourceKey` names the resource for spacing refreshes (the path and query the officer asked for). */
export async function proxyToUpstream(
  request: Request,
  officer: Officer,
  req: ComplianceRequest,
  resourceKey: string,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  try {
    // The Refresh button asks for a fresh answer; everything else may be served from the cache.
    const fresh = wantsFresh(request);
    // Each officer's share (issue 10): refreshes of one resource are spaced, upstream calls counted.
    const share = officerShare();
    if (fresh) {
      const refused = share.admitRefresh(officer.name, resourceKey);
      if (refused) return refused;
    }
    const admit = (key: string) => share.admitUpstream(officer.name, key);
    const answer = await answerOf(req, { signal: request.signal, priority: "interactive", fresh, admit });
    // With its fetch time and whether the cache served it, for the freshness headers.
    return Response.json(answer.data, {
      headers: {
        "cache-control": "private, no-store",
        // How old the data is, for the page's "as of" label; "hit" when no upstream call was made.
        "x-data-fetched-at": new Date(answer.fetchedAt).toISOString(),
        "x-data-cache": answer.fromCache ? "hit" : "miss",
        ...extraHeaders,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
