import { errorResponse, jsonError } from "@/lib/http/error-response";
import { refuseUnexpectedQuery } from "@/lib/hardening/query-guard";
import { requireSession } from "@/lib/session/session";
import { store } from "@/lib/store/instance";
import { syncRepository } from "@/lib/store/syncs";
import { syncToWire } from "@/lib/sync/to-wire";

/* GET /api/syncs/{id}: one sync; 404 for anything that is not a sync's id, malformed ids included. */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const badQuery = refuseUnexpectedQuery(request);
  if (badQuery) return badQuery;
  const { id } = await ctx.params;
  try {
    const sync = await syncRepository(await store()).get(id);
    if (!sync) return jsonError(404, "not_found", "There is no sync with that id. GET /api/syncs lists them.");
    return Response.json({ sync: syncToWire(sync) }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
