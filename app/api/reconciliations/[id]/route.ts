import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";
import { runNotKept, runNumberParam, savedReconciliationOf } from "@/lib/server/reconciliation/saved-params";

/*
 * GET /api/reconciliations/{id}[?run=N]: a saved reconciliation, its runs, and run N (default: the
 * latest) in full. Read from the store only: no upstream call. The member lists leave only once the
 * read is on record (action "view"; 503 when the audit log cannot take it).
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async (request, officer, { params }: { params: Promise<{ id: string }> }) => {
  const wanted = runNumberParam(new URL(request.url).searchParams.get("run"));
  if (wanted === null) return jsonError(400, "invalid_request", "`run` is a run number (1, 2, …).");
  const found = await savedReconciliationOf(params, (store, id) => store.get(id));
  if (found instanceof Response) return found;
  const { id, store, saved } = found;
  const numbers = saved.history.map((h) => h.number);
  const shown = wanted ?? numbers[numbers.length - 1]!;
  const run = numbers.includes(shown) ? await store.run(id, shown) : null;
  if (!run) return runNotKept(shown, numbers);
  const refused = await recordViewOrRefuse({ actor: officer.name, target: `reconciliation:${id}#${shown}`, syncId: run.sync_id, rows: run.counts.expected_entries, filters: { run: shown } });
  if (refused) return refused;
  return Response.json({ ...saved, shown, run }, { headers: { "cache-control": "private, no-store" } });
});
