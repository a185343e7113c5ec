import { parseComplianceRequest, type ComplianceRequest } from "@/lib/http/compliance-request";
import { errorResponse, jsonError } from "@/lib/http/error-response";
import { wantsFresh } from "@/lib/http/refresh";
import { requireSession } from "@/lib/session/session";
import type { UpstreamAnswer } from "@/lib/upstream/client";
import { answerOf, requests } from "@/lib/upstream/endpoints";

/*
 * GET /api/compliance/<path>: the read-only proxy onto GET /v1/compliance/<path> (CONTRACT.md).
 * Order matters: the session first, then every id and parameter, and only then the upstream,
 * so a refused request costs the shared rate budget nothing.
 */

export const dynamic = "force-dynamic";

type Opts = { signal: AbortSignal; priority: "interactive"; fresh: boolean };

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

export async function GET(request: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;

  const { path } = await ctx.params;
  const parsed = parseComplianceRequest(path, new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(parsed.status, parsed.status === 404 ? "not_found" : "invalid_request", parsed.message);

  try {
    // The Refresh button asks for a fresh answer; everything else may be served from the cache.
    const fresh = wantsFresh(request);
    const answer = await call(parsed.request, { signal: request.signal, priority: "interactive", fresh });
    return Response.json(answer.data, {
      headers: {
        "cache-control": "private, no-store",
        // How old the data is, for the page's "as of" label; "hit" when no upstream call was made.
        "x-data-fetched-at": new Date(answer.fetchedAt).toISOString(),
        "x-data-cache": answer.fromCache ? "hit" : "miss",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
