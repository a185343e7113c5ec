import { parseComplianceRequest } from "@/lib/server/http/compliance-request";
import { proxyToUpstream } from "@/lib/server/http/compliance-proxy";
import { jsonError } from "@/lib/server/http/error-response";
import { requireSession } from "@/lib/server/session/session";

/*
 * GET /api/compliance/<path>: the read-only proxy onto GET /v1/compliance/<path> (CONTRACT.md).
 * Order matters: the session first, then every id and parameter, and only then the upstream,
 * so a refused request costs the shared rate budget nothing. Pages read the store-backed
 * /api/directory/... routes instead; this stays for the contract's outside callers.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;

  const { path } = await ctx.params;
  const parsed = parseComplianceRequest(path, new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(parsed.status, parsed.status === 404 ? "not_found" : "invalid_request", parsed.message);

  return proxyToUpstream(request, officer, parsed.request, `${path.join("/")}?${new URL(request.url).search}`);
}
