import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { refuseCrossSiteRequest } from "@/lib/server/http/same-origin";
import { requireSession } from "@/lib/server/session/session";
import { savedViewStore } from "@/lib/server/views/instance";
import { VIEW_ID_RE } from "@/lib/shared/views/schema";

/* DELETE /api/views/{id}: removes a view the asking officer saved (204); someone else's is a 404. */

export const dynamic = "force-dynamic";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;
  const { id } = await params;
  if (!VIEW_ID_RE.test(id)) return jsonError(400, "invalid_request", "That is not a saved view id (they look like vw_…).");
  try {
    if (!(await savedViewStore().remove(id, officer.name))) return jsonError(404, "not_found", `There is no view ${id} saved by you.`);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
