import { recordViewOrRefuse } from "@/lib/audit/view-audit";
import { errorResponse, jsonError } from "@/lib/http/error-response";
import { compareRuns } from "@/lib/reconciliation/compare-runs";
import { reconciliationStore } from "@/lib/reconciliation/instance";
import { runNumberParam } from "@/lib/reconciliation/saved-params";
import { RECONCILIATION_ID_RE } from "@/lib/reconciliation/saved-schema";
import { requireSession } from "@/lib/session/session";

/*
 * GET /api/reconciliations/{id}/compare?a=N&b=M: what changed between two runs of a saved
 * reconciliation (newly missing, no longer missing, newly unexpected, no longer unexpected).
 * Default: the run before the latest against the latest. Read from the store only.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const { id } = await params;
  if (!RECONCILIATION_ID_RE.test(id)) return jsonError(400, "invalid_request", "That is not a saved reconciliation id (they look like rc_…).");
  const q = new URL(request.url).searchParams;
  const a = runNumberParam(q.get("a"));
  const b = runNumberParam(q.get("b"));
  if (a === null || b === null) return jsonError(400, "invalid_request", "`a` and `b` are run numbers (1, 2, …).");
  try {
    const store = reconciliationStore();
    const saved = await store.get(id);
    if (!saved) return jsonError(404, "not_found", `There is no saved reconciliation ${id}.`);
    const numbers = saved.history.map((h) => h.number);
    const later = b ?? numbers[numbers.length - 1]!;
    const earlier = a ?? numbers.filter((n) => n < later).pop() ?? later;
    const [x, y] = [await store.run(id, earlier), await store.run(id, later)];
    if (!x || !y) return jsonError(404, "not_found", `Run ${!x ? earlier : later} of this reconciliation is not kept; kept: ${numbers.join(", ")}.`);
    const comparison = compareRuns(x, y);
    const refused = await recordViewOrRefuse({ actor: officer.name, target: `reconciliation:${id}#${earlier}..${later}`, syncId: y.sync_id, filters: { a: earlier, b: later } });
    if (refused) return refused;
    return Response.json({ meta: saved.meta, ...comparison }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
