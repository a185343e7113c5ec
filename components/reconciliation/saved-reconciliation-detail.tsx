"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryState } from "nuqs";
import { useState } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { pageParam } from "@/components/data-table/url-parsers";
import { postJson } from "@/components/seed-lists/post-json";
import { useOfficer } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { isAbortError, toApiError, type ApiError } from "@/lib/query/api-error";
import { reconciliationRunRefSchema } from "@/lib/reconciliation/saved-schema";
import { GroupResultView } from "./group-result-view";
import { ReconciliationPrint } from "./reconciliation-print";
import { RunComparison } from "./run-comparison";
import { savedReconciliationKeys, savedReconciliationQuery } from "./saved-queries";

/*
 * One saved reconciliation, a page of its own (`/reconciliation/<id>?run=N`): what it reconciles,
 * every kept run (the sync it read, who ran it, when, the counts), the shown run in full, "Re-run
 * against the newest sync", and what changed between two runs (`?compare=M`).
 */

const th = "border-b border-slate-200 bg-slate-50 px-2 py-1 text-left text-xs font-medium text-slate-600";
const td = "border-b border-slate-100 px-2 py-1 align-top text-xs";
const num = (s: string) => (/^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);
const SAVED_DOWNLOAD_NOTE = "A kept run is not downloaded from here yet: print this page, or reconcile the same list on the Reconciliation page to download it.";

export function SavedReconciliationPage({ id }: { id: string }) {
  const [runParam, setRun] = useQueryState("run", pageParam);
  const [compareParam, setCompare] = useQueryState("compare", pageParam);
  const q = useQuery(savedReconciliationQuery(id, num(runParam)));
  const queryClient = useQueryClient();
  const officer = useOfficer();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (q.error) return <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <p className="text-sm text-slate-600">Loading the saved reconciliation…</p>;

  async function rerun() {
    setPending(true);
    setError(null);
    try {
      const ref = await postJson(`/api/reconciliations/${encodeURIComponent(id)}/runs`, {}, reconciliationRunRefSchema);
      await queryClient.invalidateQueries({ queryKey: savedReconciliationKeys.all });
      // The run before the new one stays beside it, so "what changed" is on screen at once.
      void setCompare(String(d!.meta.latest.number));
      void setRun(String(ref.number));
    } catch (e) {
      if (!isAbortError(e)) setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  const compareWith = num(compareParam);
  const canCompare = compareWith !== undefined && compareWith !== d.shown && d.history.some((h) => h.number === compareWith);
  const [a, b] = canCompare ? [Math.min(compareWith, d.shown), Math.max(compareWith, d.shown)] : [0, 0];

  return (
    <>
      <ReconciliationPrint title={`Reconciliation ${d.meta.name}`} expectedFrom={d.meta.expected_from} run={d.run} />
      <div className="flex flex-col gap-3 print:hidden">
        <div>
          <p className="text-xs">
            <Link href="/reconciliation" className="text-brand-700 hover:underline">
              ← Reconciliation
            </Link>
          </p>
          <h1 className="text-lg font-semibold text-slate-900">{d.meta.name}</h1>
          <p className="text-xs text-slate-600">
            Group {d.meta.group.name} against {d.meta.expected_from}; saved by {d.meta.created_by} on {formatDateTime(Date.parse(d.meta.created_at))}.
          </p>
        </div>

        <section aria-labelledby="recon-runs" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
          <h2 id="recon-runs" className="text-sm font-semibold text-slate-900">
            Runs
          </h2>
          <table className="w-full border-separate border-spacing-0">
            <caption className="sr-only">Runs of this reconciliation</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Run</th>
                <th scope="col" className={th}>Sync</th>
                <th scope="col" className={th}>Ran by, at</th>
                <th scope="col" className={th}>In both / unexpected / missing</th>
                <th scope="col" className={th}>Show / compare</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
          <div className="flex flex-wrap items-center gap-3">
            {officer?.role === "viewer" ? (
              <span className="text-xs text-slate-500">Re-running needs the exporter role.</span>
            ) : (
              <button
                type="button"
                disabled={pending}
                onClick={() => void rerun()}
                className="h-8 rounded bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
              >
                {pending ? "Re-running…" : "Re-run against the newest sync"}
              </button>
            )}
            <button type="button" onClick={() => window.print()} className="h-8 rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50">
              Print
            </button>
          </div>
          {error && <ErrorNotice error={error} />}
        </section>

        {canCompare && (
          <section aria-labelledby="recon-compare" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
            <div className="flex items-center justify-between">
              <h2 id="recon-compare" className="text-sm font-semibold text-slate-900">
                What changed from run #{a} to run #{b}
              </h2>
              <button type="button" className="text-xs underline" onClick={() => void setCompare("")}>
                Close
              </button>
            </div>
            <RunComparison id={id} a={a} b={b} />
          </section>
        )}

        <section aria-label="Reconciliation result" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            Run #{d.shown}: sync <span className="font-mono">{d.run.sync_id}</span>, directory as of {formatDateTime(Date.parse(d.run.directory_built_at))}.
          </p>
          <GroupResultView key={d.shown} result={d.run.result} download={() => Promise.reject(new Error(SAVED_DOWNLOAD_NOTE))} />
        </section>
      </div>
    </>
  );
}
