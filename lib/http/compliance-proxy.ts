import "server-only";
import type { ComplianceRequest } from "@/lib/http/compliance-request";
import { errorResponse } from "@/lib/http/error-response";
import { wantsFresh } from "@/lib/http/refresh";
import type { Officer } from "@/lib/session/session-data";
import { officerShare } from "@/lib/throttle/officer-share";
import type { UpstreamAnswer } from "@/lib/upstream/client";
import { answerOf, requests } from "@/lib/upstream/endpoints";

/*
 * The live road to the upstream for one checked request: the proxy `/api/compliance/<path>` always
 * takes it, and the store-backed `/api/directory/...` routes take it until the first sync is
 * complete. Callers have checked the session, the ids and the parameters already.
 */

type Opts = { signal: AbortSignal; priority: "interactive"; fresh: boolean; admit: (key: string) => () => void };

/** The upstream answer with its fetch time and whether the cache served it (for the freshness headers). */
function call(req: ComplianceRequest, opts: Opts): Promise<UpstreamAnswer<unknown>> {
  switch (req.endpoint) {
    case "listOrganizations":
      return answerOf(() => requests.organizations(req.query), opts);
    case "listOrganizationUsers":
      return answerOf(() => requests.organizationUsers(req.orgUuid, req.query), opts);
    case "listRoles":
      return answerOf(() => requests.roles(req.orgUuid, req.query), opts);
    case "getRole":
      return answerOf(() => requests.role(req.orgUuid, req.roleId), opts);
    case "listRolePermissions":
      return answerOf(() => requests.rolePermissions(req.orgUuid, req.roleId, req.query), opts);
    case "getOrganizationSettings":
      return answerOf(() => requests.organizationSettings(req.orgUuid), opts);
    case "listGroups":
      return answerOf(() => requests.groups(req.query), opts);
    case "getGroup":
      return answerOf(() => requests.group(req.groupId), opts);
    case "listGroupMembers":
      return answerOf(() => requests.groupMembers(req.groupId, req.query), opts);
  }
}

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
    const answer = await call(req, { signal: request.signal, priority: "interactive", fresh, admit });
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
