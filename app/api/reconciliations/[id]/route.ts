import { recordViewOrRefuse } from "@/lib/audit/view-audit";
import { errorResponse, jsonError } from "@/lib/http/error-response";
import { reconciliationStore } from "@/lib/reconciliation/instance";
import { RECONCILIATION_ID_RE } from "@/lib/reconciliation/saved-schema";
import { requireSession } from "@/lib/session/session";
import { runNumberParam } from "@/lib/reconciliation/saved-params";

/*
 * GET /api/reconciliations/{id}[?run=N]: a saved reconciliation, its runs, and run N (default: the
 * latest) in full. Read from the store only: no upstream call. The member lists leave only once the
 * read is on record (action "view"; 503 when the audit log cannot take it).
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const { id } = await params;
  if (!RECONCILIATION_ID_RE.test(id)) return jsonError(400, "invalid_request", "That is not a saved reconciliation id (they look like rc_…).");
  const wanted = runNumberParam(new URL(request.url).searchParams.get("run"));
  if (wanted === null) return jsonError(400, "invalid_request", "`run` is a run number (1, 2, …).");
  try {
    const store = reconciliationStore();
    const saved = await store.get(id);
    if (!saved) return jsonError(404, "not_found", `There is no saved reconciliation ${id}.`);
    const numbers = saved.history.map((h) => h.number);
    const shown = wanted ?? numbers[numbers.length - 1]!;
    const run = numbers.includes(shown) ? await store.run(id, shown) : null;
    if (!run) return jsonError(404, "not_found", `Run ${shown} of this reconciliation is not kept; kept: ${numbers.join(", ")}.`);
    const refused = await recordViewOrRefuse({ actor: officer.name, target: `reconciliation:${id}#${shown}`, syncId: run.sync_id, rows: run.counts.expected_entries, filters: { run: shown } });
    if (refused) return refused;
    return Response.json({ ...saved, shown, run }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
