"use client";

import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useDataTable } from "@/components/data-table/use-data-table";
import { WalkProgressLine } from "@/components/data-table/walk-progress-line";
import { errorHeadline } from "@/lib/browser/query/api-error";
import { formatCount } from "@/lib/browser/format/numbers";
import { overviewColumns } from "./overview-columns";
import { TreeTotalsBar } from "./tree-totals";
import { useOrganizationTree, type OrganizationRow } from "./use-organization-tree";

const NOUN = { one: "organization", other: "organizations" };
const rowId = (r: OrganizationRow) => r.uuid;

/** Failures grouped by what went wrong, so 40 identical "missing scope" errors read as one. */
function useFailures(rows: OrganizationRow[]) {
  return useMemo(() => {
    const byHeadline = new Map<string, { error: NonNullable<Extract<OrganizationRow["users"], { kind: "error" }>["error"]>; where: Set<string> }>();
    for (const r of rows)
      for (const [what, cell] of [
        ["users", r.users],
        ["roles", r.roles],
        ["settings", r.settings],
      ] as const) {
        if (cell.kind !== "error") continue;
        const key = `${errorHeadline(cell.error)}|${cell.error.type}`;
        const entry = byHeadline.get(key) ?? { error: cell.error, where: new Set<string>() };
        entry.where.add(`${what} of ${r.name}`);
        byHeadline.set(key, entry);
      }
    return [...byHeadline.values()];
  }, [rows]);
}

export function OrganizationTree() {
  const [paused, setPaused] = useState(false);
  const { rows, totals, pauseCounting, retryFailed } = useOrganizationTree({ paused });
  const controller = useDataTable({ data: rows, columns: overviewColumns, getRowId: rowId });
  const failures = useFailures(rows);
  const orgs = totals.organizations;
  const counting = orgs.status === "complete" && totals.organizationsCounted < orgs.rows.length;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold text-slate-900">Organization tree</h1>
          <p className="text-xs text-slate-600">The parent organization and every organization linked under it, with what each holds.</p>
        </div>
        <TreeTotalsBar totals={totals} />
      </div>

      <WalkProgressLine walk={orgs} noun={NOUN} />

      {orgs.status === "complete" && (
        <div role="status" className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          {counting ? (
            <>
              <span>
                {paused ? "Counting paused" : "Counting"}: {formatCount(totals.organizationsCounted)} of {formatCount(orgs.rows.length)} organizations done
                {!paused && totals.running > 0 ? ` · ${totals.running} running` : ""} (users, roles and settings; a few at a time to share the API&apos;s rate)
              </span>
              <button
                type="button"
                onClick={() => {
                  if (!paused) pauseCounting();
                  setPaused(!paused);
                }}
                className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50"
              >
                {paused ? "Resume counting" : "Pause counting"}
              </button>
            </>
          ) : (
            <span>Every organization counted.</span>
          )}
        </div>
      )}

      {failures.map((f) => (
        <ErrorNotice key={`${f.error.type}-${f.error.message}`} error={f.error} onRetry={retryFailed} retryLabel="Retry failed counts" compact>
          <p className="mt-0.5">
            Affects {formatCount(f.where.size)} {f.where.size === 1 ? "count" : "counts"}: {[...f.where].slice(0, 4).join("; ")}
            {f.where.size > 4 ? "; …" : ""}
          </p>
        </ErrorNotice>
      ))}

      <DataTableToolbar controller={controller} searchLabel="Filter organizations by name or id" searchPlaceholder="Filter by name, uuid or org_ id" />
      <DataTableCounts table={controller.table} noun={NOUN} walk={orgs} />
      <DataTable
        table={controller.table}
        label="Organizations under the parent"
        loading={orgs.status === "loading" || orgs.status === "partial"}
        rowHeight={44}
        blocked={orgs.status === "error" && orgs.rows.length === 0 ? <p className="text-sm text-slate-600">The organization list could not be loaded (see above).</p> : undefined}
        empty="The key reaches no organizations."
        noMatches="No organization matches this filter."
      />
    </div>
  );
}
