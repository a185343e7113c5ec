import { changesSummary } from "@/lib/server/changes/changes-read";
import { refuseOtherParams, resolveSyncPair } from "@/lib/server/changes/changes-request";
import { errorResponse } from "@/lib/server/http/error-response";
import { requireSession } from "@/lib/server/session/session";
import { store } from "@/lib/server/store/instance";

/*
 * GET /api/directory/changes/summary?from&to: the Changes page's header. How many changes of each
 * kind, the same per organization, and the names of the organizations, groups and roles the changes
 * refer to (as they stood at `to`, or at `from` when gone). From the store only (lib/server/changes/changes-read.ts).
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const bad = refuseOtherParams(request, ["from", "to"]);
  if (bad) return bad;
  try {
    const database = await store();
    const pair = await resolveSyncPair(database, new URL(request.url).searchParams);
    if (pair instanceof Response) return pair;
    return Response.json(await changesSummary(database, pair), { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
