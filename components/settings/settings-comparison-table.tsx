import Link from "next/link";
import type { ComparisonColumn, ComparisonRow } from "@/lib/settings/compare-settings";
import { errorHeadline, type ApiError } from "@/lib/query";

/*
 * One column per organization, one row per setting. A row whose loaded organizations disagree is
 * marked at its start; within it, the cells that differ from what most organizations hold are
 * highlighted, so "one organization without SSO enforced" stands out at a glance.
 */

export interface ComparisonColumnView extends ComparisonColumn {
  error?: ApiError | null;
}

export function SettingsComparisonTable({ columns, rows }: { columns: ComparisonColumnView[]; rows: ComparisonRow[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200">
      <table className="min-w-full border-collapse text-sm" aria-describedby="settings-comparison-legend">
        <caption className="sr-only">Effective settings of every organization, side by side</caption>
        <thead>
          <tr className="bg-slate-50 text-left">
            <th scope="col" className="sticky left-0 z-10 w-[17rem] min-w-[15rem] border-b border-r border-slate-200 bg-slate-50 px-3 py-2 font-medium">
              Setting
            </th>
            {columns.map((c) => (
              <th key={c.orgUuid} scope="col" className="min-w-[9rem] max-w-[16rem] border-b border-slate-200 px-3 py-2 align-bottom font-medium">
                <Link href={`/organizations/${c.orgUuid}/settings`} className="text-brand-700 hover:underline">
                  {c.orgName}
                </Link>
                {c.state.status === "loading" ? <span className="block text-xs font-normal text-slate-500">loading…</span> : null}
                {c.state.status === "error" ? (
                  <details className="mt-0.5 text-xs font-normal text-red-800">
                    <summary className="cursor-pointer">{c.error ? errorHeadline(c.error) : "failed to load"}</summary>
                    <p className="mt-1 max-w-[16rem] whitespace-normal">{c.state.message}</p>
                    {c.error?.requestId ? <p className="mt-0.5 break-all font-mono">request-id {c.error.requestId}</p> : null}
                  </details>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-setting={row.name} data-differs={row.differs ? "true" : "false"} className="border-b border-slate-200 align-top">
              <th
                scope="row"
                className={
                  "sticky left-0 z-10 border-r border-slate-200 px-3 py-1.5 text-left font-normal " +
                  (row.differs ? "border-l-4 border-l-amber-500 bg-amber-50" : "border-l-4 border-l-transparent bg-white")
                }
              >
                <span className="block text-slate-900">{row.label}</span>
                <span className="flex flex-wrap items-center gap-x-2">
                  <span className="font-mono text-[11px] text-slate-500">{row.name}</span>
                  {row.differs ? (
                    <span className="whitespace-nowrap rounded bg-amber-200 px-1 text-[11px] font-medium text-amber-950">
                      differs: {row.distinctValues} values
                    </span>
                  ) : null}
                </span>
              </th>
              {row.cells.map((cell, i) => {
                const key = columns[i]!.orgUuid;
                if (cell.status === "loading") return <td key={key} className="px-3 py-1.5 text-slate-500" aria-label="loading">…</td>;
                if (cell.status === "error") return <td key={key} className="px-3 py-1.5 text-slate-500">unavailable</td>;
                const outlier = cell.outlier;
                return (
                  <td key={key} className={"px-3 py-1.5 " + (outlier ? "bg-amber-100 font-medium text-amber-950" : "")} data-outlier={outlier ? "true" : undefined}>
                    {cell.status === "absent" ? (
                      <span className="italic text-slate-700" title="The Compliance API omits settings this organization's admins cannot change">
                        not reported
                      </span>
                    ) : (
                      <CellValue summary={cell.view.summary} kind={cell.view.kind} flag={cell.view.flag} />
                    )}
                    {outlier ? <span className="sr-only"> (differs from most organizations)</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellValue({ summary, kind, flag }: { summary: string; kind: string; flag?: boolean }) {
  if (kind === "boolean") {
    return (
      <span>
        <span aria-hidden="true">{flag ? "● " : "○ "}</span>
        {flag ? "On" : "Off"}
      </span>
    );
  }
  if (kind === "raw") return <code className="break-all font-mono text-xs">{summary}</code>;
  return <span className="break-words">{summary[0] ? summary[0].toUpperCase() + summary.slice(1) : summary}</span>;
}
