import { errorResponse } from "@/lib/server/http/error-response";
import { refuseCrossSiteRequest } from "@/lib/server/http/same-origin";
import { auditSessionEvent } from "@/lib/server/session/session-audit";
import { endSession } from "@/lib/server/session/session";

export const dynamic = "force-dynamic";

/** Always 204: logging out without a session is already the wanted state. */
export async function POST(request: Request): Promise<Response> {
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;
  let officer;
  try {
    officer = await endSession();
  } catch (err) {
    return errorResponse(err);
  }
  if (officer) await auditSessionEvent({ actor: officer.name, action: "logout", target: "session", outcome: "ok" });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
