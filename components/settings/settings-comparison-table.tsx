"use client";

import { useMemo, useState } from "react";
import { DataTable, DataTableCounts, DataTableToolbar, useDataTable } from "@/components/data-table";
import { describeDifferenceReport, differenceReport, differingSettingsByOrganization, type Baseline, type SettingsMatrix } from "@/lib/browser/settings/compare-settings";
import { BaselineContext, DIFF_COLUMN_ID, DIFFERS, settingColumnId, settingsComparisonColumns, type SettingsRow } from "./settings-comparison-columns";

/*
 * Organizations as rows (virtualized: 1,000 stay fast), settings as filterable columns. "Only
 * differences" keeps the organizations that differ from the baseline and hides the setting
 * columns where no organization in view differs, so it still narrows when every setting differs
 * somewhere in a large tree.
 */

const NOUN = { one: "organization", other: "organizations" };
const NONE: readonly string[] = [];

export function SettingsComparisonTable({
  matrix,
  baseline,
  baselineUuid,
}: {
  matrix: SettingsMatrix;
  /** null: no baseline yet (a chosen organization still loading). */
  baseline: Baseline | null;
  baselineUuid: string | null;
}) {
  const differing = useMemo(() => differingSettingsByOrganization(matrix, baseline), [matrix, baseline]);
  const rows = useMemo<SettingsRow[]>(
    () => matrix.organizations.map((o) => ({ ...o, differing: baseline ? (differing.get(o.orgUuid) ?? null) : null, isBaseline: o.orgUuid === baselineUuid })),
    [matrix, baseline, differing, baselineUuid],
  );
  const namesKey = matrix.settings.map((s) => s.name).join("\n");
  // Columns follow the setting names only (the baseline reaches the headers through a context).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => settingsComparisonColumns(matrix.settings), [namesKey]);

  const [forced, setForced] = useState<readonly string[]>(NONE);
  const controller = useDataTable({ data: rows, columns, getRowId: (r) => r.orgUuid, forceHidden: forced });
  const { table } = controller;

  const diffColumn = table.getColumn(DIFF_COLUMN_ID);
  const diffFilter = diffColumn?.getFilterValue();
  const onlyDifferences = Array.isArray(diffFilter) && diffFilter.length === 1 && diffFilter[0] === DIFFERS;

  const filtered = table.getFilteredRowModel().rows;
  const report = useMemo(() => differenceReport(matrix, differing, filtered.map((r) => r.id)), [matrix, differing, filtered]);
  // Organizations in view, whatever the "only differences" filter says: the sentence's "of N".
  const facet = diffColumn?.getFacetedUniqueValues();
  const compared = facet ? (facet.get(DIFFERS) ?? 0) + (facet.get("0") ?? 0) : report.compared;
  const sentence = describeDifferenceReport({ ...report, compared: Math.max(compared, report.compared) });

  // Hide the setting columns where nobody in view differs; adjusted during render (React's pattern for derived state).
  const wanted = useMemo(() => {
    if (!onlyDifferences) return NONE;
    const keep = new Set(report.settings);
    return matrix.settings.filter((s) => !keep.has(s.name)).map((s) => settingColumnId(s.name));
  }, [onlyDifferences, report.settings, matrix.settings]);
  if (wanted.join("\n") !== forced.join("\n")) setForced(wanted);

  return (
    <BaselineContext.Provider value={baseline}>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              checked={onlyDifferences}
              onChange={(e) => diffColumn?.setFilterValue(e.target.checked ? [DIFFERS] : undefined)}
              className="h-4 w-4"
            />
            Only differences
          </label>
          <p role="status" aria-live="polite" data-testid="difference-report">
            {baseline ? sentence : "Waiting for the baseline organization's settings…"}
          </p>
        </div>
        <DataTableToolbar controller={controller} searchLabel="Search organizations" searchPlaceholder="Search organization name or id…" />
        <DataTableCounts table={table} noun={NOUN} />
        <DataTable
          table={table}
          label="Settings of every organization"
          className="h-[70vh] min-h-[20rem]"
          rowHeight={34}
          noMatches={onlyDifferences ? "No organization in view differs from the baseline." : undefined}
          empty="No organizations."
        />
      </div>
    </BaselineContext.Provider>
  );
}
