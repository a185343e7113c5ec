"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { formatCount } from "@/lib/browser/format/numbers";
import { toApiError } from "@/lib/browser/query/api-error";
import type { ReconciliationRow } from "@/lib/shared/reconciliation/schema";
import { runComparisonQuery } from "./saved-queries";

/* What changed between two runs of a saved reconciliation: people newly missing or newly with unexpected access, and the reverse. */

const who = (r: ReconciliationRow) => (r.full_name ? `${r.full_name} <${r.email}>` : r.input ?? r.email ?? r.user_id ?? "");

function List({ title, rows }: { title: string; rows: ReconciliationRow[] }) {
  return (
    <div>
      <h4 className="text-xs font-semibold text-slate-800">
        {title} ({formatCount(rows.length)})
      </h4>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-500">None.</p>
      ) : (
        <ul className="max-h-48 overflow-auto text-xs text-slate-700">
          {rows.map((r, i) => (
            <li key={`${r.user_id ?? ""}|${r.input ?? ""}|${i}`}>{who(r)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RunComparison({ id, a, b }: { id: string; a: number; b: number }) {
  const q = useQuery(runComparisonQuery(id, a, b));
  if (q.error) return <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} compact />;
  if (!q.data) return <p className="text-xs text-slate-600">Comparing…</p>;
  const c = q.data;
  return (
    <div className="grid grid-cols-2 gap-3" data-testid="run-comparison">
      <List title={`Newly missing in run #${b}`} rows={c.newly_missing} />
      <List title={`Newly unexpected in run #${b}`} rows={c.newly_unexpected} />
      <List title={`No longer missing`} rows={c.no_longer_missing} />
      <List title={`No longer unexpected`} rows={c.no_longer_unexpected} />
    </div>
  );
}
