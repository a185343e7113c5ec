import { parseComplianceRequest, type ComplianceRequest } from "@/lib/http/compliance-request";
import { errorResponse, jsonError } from "@/lib/http/error-response";
import { requireSession } from "@/lib/session/session";
import * as endpoints from "@/lib/upstream/endpoints";

/*
 * GET /api/compliance/<path>: the read-only proxy onto GET /v1/compliance/<path> (CONTRACT.md).
 * Order matters: the session first, then every id and parameter, and only then the upstream,
 * so a refused request costs the shared rate budget nothing.
 */

export const dynamic = "force-dynamic";

type Opts = { signal: AbortSignal; priority: "interactive"; fresh: boolean };

function call(req: ComplianceRequest, opts: Opts): Promise<unknown> {
  switch (req.endpoint) {
    case "listOrganizations":
      return endpoints.listOrganizations(req.query, opts);
    case "listOrganizationUsers":
      return endpoints.listOrganizationUsers(req.orgUuid, req.query, opts);
    case "listRoles":
      return endpoints.listRoles(req.orgUuid, req.query, opts);
    case "getRole":
      return endpoints.getRole(req.orgUuid, req.roleId, opts);
    case "listRolePermissions":
      return endpoints.listRolePermissions(req.orgUuid, req.roleId, req.query, opts);
    case "getOrganizationSettings":
      return endpoints.getOrganizationSettings(req.orgUuid, opts);
    case "listGroups":
      return endpoints.listGroups(req.query, opts);
    case "getGroup":
      return endpoints.getGroup(req.groupId, opts);
    case "listGroupMembers":
      return endpoints.listGroupMembers(req.groupId, req.query, opts);
  }
}

export async function GET(request: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;

  const { path } = await ctx.params;
  const parsed = parseComplianceRequest(path, new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(parsed.status, parsed.status === 404 ? "not_found" : "invalid_request", parsed.message);

  try {
    // The refresh button asks for a fresh answer; everything else may be served from the cache.
    const fresh = request.headers.get("cache-control")?.includes("no-cache") ?? false;
    const body = await call(parsed.request, { signal: request.signal, priority: "interactive", fresh });
    return Response.json(body, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
