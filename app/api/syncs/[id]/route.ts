import { jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";
import { syncToWire } from "@/lib/server/sync/to-wire";

/* GET /api/syncs/{id}: one sync; 404 for anything that is not a sync's id, malformed ids included. */

export const dynamic = "force-dynamic";

export const GET = sessionRead({ query: [] }, async (_request, _officer, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const sync = await syncRepository(await store()).get(id);
  if (!sync) return jsonError(404, "not_found", "There is no sync with that id. GET /api/syncs lists them.");
  return Response.json({ sync: syncToWire(sync) }, { headers: { "cache-control": "private, no-store" } });
});
