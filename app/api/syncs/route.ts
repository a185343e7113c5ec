import { z } from "zod";
import { errorResponse } from "@/lib/server/http/error-response";
import { acceptJsonPost } from "@/lib/server/http/json-post";
import { sessionRead } from "@/lib/server/http/session-read";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";
import { requestSync } from "@/lib/server/sync/coordinator";
import { syncToWire } from "@/lib/server/sync/to-wire";

/*
 * GET /api/syncs: every sync, newest first. POST /api/syncs with `{}` (exporter): starts a sync,
 * or answers the one already running on any instance; 202 either way (CONTRACT.md).
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead({ query: [] }, async () => {
  const syncs = await syncRepository(await store()).list();
  return Response.json({ syncs: syncs.map(syncToWire) }, { headers: { "cache-control": "private, no-store" } });
});

export async function POST(request: Request): Promise<Response> {
  const badQuery = refuseUnexpectedQuery(request);
  if (badQuery) return badQuery;
  const post = await acceptJsonPost(request, z.object({}).strict(), { role: "exporter", purpose: "starting a sync" });
  if (!post.ok) return post.response;
  try {
    const { sync } = await requestSync({ trigger: "request", requestedBy: post.officer.name });
    return Response.json({ sync: syncToWire(sync) }, { status: 202, headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
