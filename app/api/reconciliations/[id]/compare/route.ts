import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { historyNumberPair } from "@/lib/server/http/history-numbers";
import { sessionRead } from "@/lib/server/http/session-read";
import { compareRuns } from "@/lib/server/reconciliation/compare-runs";
import { runNotKept, savedReconciliationOf } from "@/lib/server/reconciliation/saved-params";

/*
 * GET /api/reconciliations/{id}/compare?a=N&b=M: what changed between two runs of a saved
 * reconciliation (newly missing, no longer missing, newly unexpected, no longer unexpected).
 * Default: the run before the latest against the latest. Read from the store only.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async (request, officer, { params }: { params: Promise<{ id: string }> }) => {
  const pair = historyNumberPair(request, ["a", "b"], "run");
  if (pair instanceof Response) return pair;
  const [a, b] = pair;
  const found = await savedReconciliationOf(params, (store, id) => store.get(id));
  if (found instanceof Response) return found;
  const { id, store, saved } = found;
  const numbers = saved.history.map((h) => h.number);
  const later = b ?? numbers[numbers.length - 1]!;
  const earlier = a ?? numbers.filter((n) => n < later).pop() ?? later;
  const [x, y] = [await store.run(id, earlier), await store.run(id, later)];
  if (!x || !y) return runNotKept(!x ? earlier : later, numbers);
  const comparison = compareRuns(x, y);
  const refused = await recordViewOrRefuse({ actor: officer.name, target: `reconciliation:${id}#${earlier}..${later}`, syncId: y.sync_id, filters: { a: earlier, b: later } });
  if (refused) return refused;
  return Response.json({ meta: saved.meta, ...comparison }, { headers: { "cache-control": "private, no-store" } });
});
