"use client";

import { AppLink } from "@/components/shell/app-link";
import { createContext, useContext } from "react";
import type { HeaderContext } from "@tanstack/react-table";
import { DataTableColumnHeader, type AnyColumnDef } from "@/components/data-table";
import { facetValueOf, type Baseline, type ComparedOrganization, type ComparedSetting } from "@/lib/browser/settings/compare-settings";
import type { SettingView } from "@/lib/shared/settings/describe-setting";

/*
 * One row per organization, one column per setting. A setting column's value is its plain words
 * (its facet), so each column filters by value with counts; a cell differing from the baseline is
 * highlighted. What differs is computed per row (see SettingsRow), not in the column, so changing
 * the baseline gives new rows and TanStack never serves a verdict cached for another baseline.
 */

export interface SettingsRow extends ComparedOrganization {
  /** Settings in which this organization differs from the baseline; null while not loaded or no baseline yet. */
  differing: Set<string> | null;
  isBaseline: boolean;
}

/** The baseline shown in the setting headers (a context, so the columns need not change with it). */
export const BaselineContext = createContext<Baseline | null>(null);

export const DIFF_COLUMN_ID = "baseline_diff";

/** Values of the hidden "against the baseline" column; "1" keeps `?diff=1` links working. */
export const DIFFERS = "1";
const SAME = "0";
const PENDING = "pending";

export function settingColumnId(name: string): string {
  return `setting_${name}`;
}

function SettingHeader({ column, setting }: HeaderContext<SettingsRow, unknown> & { setting: ComparedSetting }) {
  const baseline = useContext(BaselineContext);
  const base = baseline?.get(setting.name);
  const words = !baseline ? "no baseline yet" : base?.key === null ? "no majority" : facetValueOf(base ? { key: base.key ?? "", view: base.view } : undefined);
  return (
    <span className="flex min-w-0 flex-col py-1" title={`${setting.label} (${setting.name})`}>
      <DataTableColumnHeader column={column} title={setting.label} />
      <span className="truncate text-[11px] font-normal text-slate-500">
        baseline: <span className="text-slate-700">{words}</span>
      </span>
    </span>
  );
}

function ValueWords({ view }: { view: SettingView | undefined }) {
  if (!view) return <span className="italic">not reported</span>;
  if (view.kind === "boolean")
    return (
      <span>
        <span aria-hidden="true">{view.flag ? "● " : "○ "}</span>
        {view.flag ? "On" : "Off"}
      </span>
    );
  if (view.kind === "raw") return <code className="font-mono text-xs">{view.summary}</code>;
  return <span>{view.summary[0] ? view.summary[0].toUpperCase() + view.summary.slice(1) : view.summary}</span>;
}

function settingColumn(setting: ComparedSetting): AnyColumnDef<SettingsRow> {
  return {
    id: settingColumnId(setting.name),
    accessorFn: (row: SettingsRow) => (row.cells ? facetValueOf(row.cells.get(setting.name)) : row.status === "error" ? "Unavailable" : "Loading"),
    header: (ctx: HeaderContext<SettingsRow, unknown>) => <SettingHeader {...ctx} setting={setting} />,
    size: 190,
    meta: { label: setting.label, variant: "multiSelect", urlKey: `s.${setting.name}` },
    cell: ({ row }) => {
      const o = row.original;
      if (o.status === "loading") return <span className="text-slate-500">…</span>;
      if (o.status === "error") return <span className="text-slate-500">unavailable</span>;
      const cell = o.cells?.get(setting.name);
      const differs = o.differing?.has(setting.name) ?? false;
      return (
        <span
          data-setting={setting.name}
          data-differs={differs ? "true" : "false"}
          title={cell?.view?.explanation ?? (cell?.view ? undefined : "The Compliance API omits settings this organization's admins cannot change")}
          className={differs ? "rounded bg-amber-100 px-1 font-medium text-amber-950" : "px-1 text-slate-800"}
        >
          <ValueWords view={cell?.view} />
          {differs ? <span className="sr-only"> (differs from the baseline)</span> : null}
        </span>
      );
    },
  };
}

const organizationColumn: AnyColumnDef<SettingsRow> = {
  id: "organization",
  accessorFn: (row: SettingsRow) => row.orgName,
  size: 260,
  enableHiding: false,
  meta: { label: "Organization", searchable: true },
  cell: ({ row }) => {
    const o = row.original;
    return (
      <span className="flex min-w-0 items-center gap-1.5" data-org={o.orgUuid}>
        <AppLink href={`/organizations/${o.orgUuid}/settings`} className="truncate text-brand-700 hover:underline">
          {o.orgName}
        </AppLink>
        {o.isBaseline ? <span className="shrink-0 rounded bg-slate-200 px-1 text-[11px] font-medium text-slate-800">baseline</span> : null}
        {o.status === "loading" ? <span className="shrink-0 text-xs text-slate-500">loading…</span> : null}
        {o.status === "error" ? (
          <span className="shrink-0 text-xs text-red-800" title={o.message}>
            failed to load
          </span>
        ) : null}
      </span>
    );
  },
};

const organizationIdColumn: AnyColumnDef<SettingsRow> = {
  id: "organization_uuid",
  accessorFn: (row: SettingsRow) => row.orgUuid,
  size: 300,
  meta: { label: "Organization id", searchable: true, hiddenByDefault: true },
  cell: ({ row }) => <span className="font-mono text-xs text-slate-700">{row.original.orgUuid}</span>,
};

const differingCountColumn: AnyColumnDef<SettingsRow> = {
  id: "differing_count",
  accessorFn: (row: SettingsRow) => row.differing?.size,
  sortUndefined: "last",
  size: 130,
  meta: { label: "Differs in", align: "right" },
  cell: ({ row }) => {
    const n = row.original.differing?.size;
    if (n === undefined) return null;
    return <span className={n > 0 ? "font-medium text-amber-900" : "text-slate-500"}>{n === 0 ? "none" : `${n} ${n === 1 ? "setting" : "settings"}`}</span>;
  },
};

/** The "only differences" switch is this column's filter, so it lives in the URL like any other. */
const againstBaselineColumn: AnyColumnDef<SettingsRow> = {
  id: DIFF_COLUMN_ID,
  accessorFn: (row: SettingsRow) => (row.differing === null ? PENDING : row.differing.size > 0 ? DIFFERS : SAME),
  enableSorting: false,
  meta: {
    label: "Against the baseline",
    variant: "select",
    urlKey: "diff",
    hiddenByDefault: true,
    options: [
      { value: DIFFERS, label: "Differs from the baseline" },
      { value: SAME, label: "Same as the baseline" },
      { value: PENDING, label: "Not compared (not loaded)" },
    ],
  },
};

export function settingsComparisonColumns(settings: readonly ComparedSetting[]): AnyColumnDef<SettingsRow>[] {
  return [organizationColumn, differingCountColumn, againstBaselineColumn, organizationIdColumn, ...settings.map(settingColumn)];
}
