"use client";

import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { Panel } from "@/components/results/panel";
import { PlainTable } from "@/components/results/plain-table";
import { formatDateTime } from "@/lib/browser/format/dates";
import { formatCount } from "@/lib/browser/format/numbers";
import { toApiError } from "@/lib/browser/query/api-error";
import { savedReconciliationHref, savedReconciliationsQuery } from "./saved-queries";

/* The saved reconciliations, newest first, each with its latest run's counts. */

const td = "border-b border-slate-100 px-2 py-1 align-top text-sm";

export function SavedReconciliations() {
  const q = useQuery(savedReconciliationsQuery());
  return (
    <Panel title="Saved reconciliations">
      {q.error ? (
        <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} compact />
      ) : !q.data ? (
        <p className="text-xs text-slate-600">Loading…</p>
      ) : q.data.reconciliations.length === 0 ? (
        <p className="text-xs text-slate-600">None yet. Reconcile a group, then “Save this reconciliation” keeps it to run again later.</p>
      ) : (
        <PlainTable caption="Saved reconciliations" headers={["Name", "Group", "Saved by", "Runs", "Latest run"]}>
          {q.data.reconciliations.map((r) => (
            <tr key={r.id}>
              <td className={td}>
                <AppLink href={savedReconciliationHref(r.id)} className="text-brand-700 hover:underline">
                  {r.name}
                </AppLink>
              </td>
              <td className={td}>{r.group.name}</td>
              <td className={`${td} text-xs`}>
                {r.created_by}, {formatDateTime(Date.parse(r.created_at))}
              </td>
              <td className={`${td} tabular-nums`}>{formatCount(r.runs)}</td>
              <td className={`${td} text-xs`}>
                {formatDateTime(Date.parse(r.latest.ran_at))}: {formatCount(r.latest.counts.unexpected)} unexpected, {formatCount(r.latest.counts.missing)} missing
              </td>
            </tr>
          ))}
        </PlainTable>
      )}
    </Panel>
  );
}
