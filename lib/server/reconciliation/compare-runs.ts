import type { ReconciliationRow } from "@/lib/shared/reconciliation/schema";
import type { ReconciliationRun, RunComparison } from "@/lib/shared/reconciliation/saved-schema";

/*
 * What changed between two runs of one saved reconciliation: both read the same expected entries,
 * so a missing entry is the same entry in both (keyed by what was pasted), and an unexpected member
 * the same person (keyed by user id).
 */

const missingKey = (r: ReconciliationRow) => r.input ?? r.user_id ?? r.email;
const unexpectedKey = (r: ReconciliationRow) => r.user_id ?? r.email;

function minus(a: readonly ReconciliationRow[], b: readonly ReconciliationRow[], key: (r: ReconciliationRow) => string): ReconciliationRow[] {
  const keys = new Set(b.map(key));
  return a.filter((r) => !keys.has(key(r)));
}

export function compareRuns(earlier: ReconciliationRun, later: ReconciliationRun): RunComparison {
  const { result: a, ...earlierRef } = earlier;
  const { result: b, ...laterRef } = later;
  return {
    earlier: earlierRef,
    later: laterRef,
    newly_missing: minus(b.missing, a.missing, missingKey),
    no_longer_missing: minus(a.missing, b.missing, missingKey),
    newly_unexpected: minus(b.unexpected, a.unexpected, unexpectedKey),
    no_longer_unexpected: minus(a.unexpected, b.unexpected, unexpectedKey),
  };
}
