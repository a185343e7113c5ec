"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { useQueryState } from "nuqs";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { pageParam } from "@/components/data-table/url-parsers";
import { Panel } from "@/components/results/panel";
import { PlainTable, plainTd as td } from "@/components/results/plain-table";
import { useOfficer } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { formatCount } from "@/lib/browser/format/numbers";
import { toApiError } from "@/lib/browser/query/api-error";
import { savedReconciliationKeys } from "@/lib/browser/query/keys";
import { postForFile, postJson } from "@/lib/browser/query/request";
import { reconciliationRunRefSchema } from "@/lib/shared/reconciliation/saved-schema";
import { GroupResultView } from "./group-result-view";
import { ReconciliationPrint } from "./reconciliation-print";
import { RunComparison } from "./run-comparison";
import { savedReconciliationQuery } from "./saved-queries";

/*
 * One saved reconciliation, a page of its own (`/reconciliation/<id>?run=N`): what it reconciles,
 * every kept run (the sync it read, who ran it, when, the counts), the shown run in full, "Re-run
 * against the newest sync", and what changed between two runs (`?compare=M`).
 */

const num = (s: string) => (/^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);

export function SavedReconciliationPage({ id }: { id: string }) {
  const [runParam, setRun] = useQueryState("run", pageParam);
  const [compareParam, setCompare] = useQueryState("compare", pageParam);
  const q = useQuery(savedReconciliationQuery(id, num(runParam)));
  const queryClient = useQueryClient();
  const officer = useOfficer();
  const rerun = useMutation({
    mutationFn: () => postJson(`/api/reconciliations/${encodeURIComponent(id)}/runs`, {}, reconciliationRunRefSchema),
    onSuccess: async (ref) => {
      await queryClient.invalidateQueries({ queryKey: savedReconciliationKeys.all });
      // The run before the new one stays beside it, so "what changed" is on screen at once.
      if (q.data) void setCompare(String(q.data.meta.latest.number));
      void setRun(String(ref.number));
    },
  });

  if (q.error) return <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <p className="text-sm text-slate-600">Loading the saved reconciliation…</p>;

  const compareWith = num(compareParam);
  const canCompare = compareWith !== undefined && compareWith !== d.shown && d.history.some((h) => h.number === compareWith);
  const [a, b] = canCompare ? [Math.min(compareWith, d.shown), Math.max(compareWith, d.shown)] : [0, 0];

  return (
    <>
      <ReconciliationPrint title={`Reconciliation ${d.meta.name}`} expectedFrom={d.meta.expected_from} run={d.run} />
      <div className="flex flex-col gap-3 print:hidden">
        <div>
          <p className="text-xs">
            <AppLink href="/reconciliation" className="text-brand-700 hover:underline">
              ← Reconciliation
            </AppLink>
          </p>
          <h1 className="text-lg font-semibold text-slate-900">{d.meta.name}</h1>
          <p className="text-xs text-slate-600">
            Group {d.meta.group.name} against {d.meta.expected_from}; saved by {d.meta.created_by} on {formatDateTime(Date.parse(d.meta.created_at))}.
          </p>
        </div>

        <Panel title="Runs">
          <PlainTable caption="Runs of this reconciliation" headers={["Run", "Sync", "Ran by, at", "In both / unexpected / missing", "Show / compare"]}>
            {d.history.map((h) => (
              <tr key={h.number} aria-current={h.number === d.shown ? "true" : undefined} className={h.number === d.shown ? "bg-brand-50" : undefined}>
                <td className={td}>#{h.number}</td>
                <td className={`${td} font-mono`}>
                  {h.sync_id} <span className="font-sans text-slate-500">({formatDateTime(Date.parse(h.directory_built_at))})</span>
                </td>
                <td className={td}>
                  {h.ran_by}, {formatDateTime(Date.parse(h.ran_at))}
                </td>
                <td className={`${td} tabular-nums`}>
                  {formatCount(h.counts.in_both)} / {formatCount(h.counts.unexpected)} / {formatCount(h.counts.missing)}
                </td>
                <td className={td}>
                  {h.number === d.shown ? (
                    <span className="text-slate-500">shown</span>
                  ) : (
                    <span className="flex gap-2">
                      <button type="button" className="text-brand-700 underline" onClick={() => void setRun(String(h.number))}>
                        Show
                      </button>
                      <button type="button" className="text-brand-700 underline" onClick={() => void setCompare(String(h.number))}>
                        Compare with #{d.shown}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </PlainTable>
          <div className="flex flex-wrap items-center gap-3">
            {officer?.role === "viewer" ? (
              <span className="text-xs text-slate-500">Re-running needs the exporter role.</span>
            ) : (
              <button
                type="button"
                disabled={rerun.isPending}
                onClick={() => rerun.mutate()}
                className="h-8 rounded bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
              >
                {rerun.isPending ? "Re-running…" : "Re-run against the newest sync"}
              </button>
            )}
            <button type="button" onClick={() => window.print()} className="h-8 rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50">
              Print
            </button>
          </div>
          {rerun.error && <ErrorNotice error={toApiError(rerun.error)} />}
        </Panel>

        {canCompare && (
          <Panel
            title={`What changed from run #${a} to run #${b}`}
            aside={
              <button type="button" className="text-xs underline" onClick={() => void setCompare("")}>
                Close
              </button>
            }
          >
            <RunComparison id={id} a={a} b={b} />
          </Panel>
        )}

        <section aria-label="Reconciliation result" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            Run #{d.shown}: sync <span className="font-mono">{d.run.sync_id}</span>, directory as of {formatDateTime(Date.parse(d.run.directory_built_at))}.
          </p>
          <GroupResultView key={d.shown} result={d.run.result} download={(list) => postForFile(`/api/reconciliations/${encodeURIComponent(id)}/file`, { run: d.shown, list }, "reconciliation.csv")} />
        </section>
      </div>
    </>
  );
}
