"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo } from "react";
import { useQueryState } from "nuqs";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { ListTabs, tabPanelProps } from "@/components/results/list-tabs";
import { ResultTable, type ResultList } from "@/components/results/result-table";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { pageParam } from "@/components/data-table/url-parsers";
import type { GroupReconciliation, ReconciliationDownload, ReconciliationRow } from "@/lib/shared/reconciliation/schema";
import { reconciliationColumns, skippedColumns, type SkippedRow } from "./reconciliation-columns";

/*
 * One group's reconciliation: in both, unexpected access, missing, with counts, each list its own
 * CSV (built and audited on the server: `download` posts the same input again); entries that were not read as people (not an email or id, repeats) in a fourth list, and
 * blanks counted, so every expected entry is accounted for. The list shown is in the URL.
 */

const TABS = ["in_both", "unexpected", "missing", "skipped"] as const;
type Tab = (typeof TABS)[number];
const rowId = (r: ReconciliationRow) => `${r.status}:${r.user_id ?? ""}:${r.input ?? ""}`;
const skippedId = (r: SkippedRow) => String(r.index);
const TAB_LABELS: Record<Tab, string> = { in_both: "In both", unexpected: "Unexpected access", missing: "Missing", skipped: "Not read" };
const peopleList = (tab: Exclude<Tab, "skipped">, namespace: string, empty: string): ResultList => ({
  namespace,
  label: TAB_LABELS[tab],
  noun: { one: "person", other: "people" },
  searchLabel: `Search ${TAB_LABELS[tab].toLowerCase()}`,
  empty,
});
const LISTS = {
  in_both: peopleList("in_both", "b", "No expected entry is a member."),
  unexpected: peopleList("unexpected", "u", "Every member is expected."),
  missing: peopleList("missing", "m", "Every expected entry is a member."),
};
const SKIPPED_LIST: ResultList = { namespace: "s", label: "Expected entries not read as people", noun: { one: "entry", other: "entries" }, searchLabel: "Search these entries", empty: "Every expected entry was read as an email or a user id, once." };

function skippedRows(r: GroupReconciliation): SkippedRow[] {
  return r.skipped.map((s) => ({
    ...s,
    number: s.index + 1,
    why:
      s.reason === "not_an_email_or_id"
        ? "Not an email or a user_… id"
        : `${s.reason === "same_entry" ? "Repeats" : "Same person as"} entry #${(s.duplicate_of ?? 0) + 1}`,
  }));
}

export function GroupResultView({
  result,
  tabParam = "list",
  download,
}: {
  result: GroupReconciliation;
  tabParam?: string;
  /** Saves one list ("all": the three combined) as the server builds it; resolves to the file name. */
  download: (list: ReconciliationDownload["list"]) => Promise<string>;
}) {
  const [param, setParam] = useQueryState(tabParam, pageParam);
  const tab: Tab = (TABS as readonly string[]).includes(param) ? (param as Tab) : "in_both";
  const disabled = useExportDisabledReason();
  const c = result.counts;
  const skipped = useMemo(() => skippedRows(result), [result]);
  const counts: Record<Tab, number> = { in_both: c.in_both, unexpected: c.unexpected, missing: c.missing, skipped: skipped.length };
  const tabs = TABS.map((id) => ({ id, label: TAB_LABELS[id], count: counts[id] }));
  const saving = useMutation({ mutationFn: download });
  const save = (list: ReconciliationDownload["list"]) => saving.mutate(list);
  const busy = saving.isPending;
  const failure = saving.error?.message ?? null;

  const downloadButton = (label: string, onClick: () => void) => (
    <button
      type="button"
      onClick={onClick}
      disabled={!!disabled || busy}
      title={disabled}
      className="inline-flex h-7 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
    >
      {label}
    </button>
  );

  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700" aria-live="polite">
        Group <strong>{result.group.name}</strong> has {countOf(c.members, "member")}; {countOf(c.expected_entries, "expected entry", "expected entries")}:{" "}
        <strong className="tabular-nums">{formatCount(c.in_both)}</strong> in both, <strong className="tabular-nums">{formatCount(c.unexpected)}</strong> unexpected access,{" "}
        <strong className="tabular-nums">{formatCount(c.missing)}</strong> missing
        {c.missing_not_in_directory > 0 && ` (${formatCount(c.missing_not_in_directory)} of them match no directory user)`}
        {c.not_understood + c.duplicate > 0 && `, ${formatCount(c.not_understood + c.duplicate)} not read (${formatCount(c.duplicate)} repeats)`}
        {c.blank > 0 && `, ${formatCount(c.blank)} blank (ignored)`}.
      </p>
      {failure && (
        <p role="alert" className="text-xs text-red-800">
          {failure}
        </p>
      )}
      <div className="flex flex-wrap items-end justify-between gap-2 border-b border-slate-200">
        <ListTabs label="Reconciliation lists" idPrefix="recon" tabs={tabs} value={tab} onChange={(id) => setParam(id === "in_both" ? "" : id)} className="flex flex-wrap gap-1" />
        <div className="pb-1">
          {downloadButton("Download all three lists (CSV)", () => save("all"))}
        </div>
      </div>
      <div {...tabPanelProps("recon", tab)}>
        {tab === "skipped" ? (
          <ResultTable rows={skipped} columns={skippedColumns} rowId={skippedId} list={SKIPPED_LIST} />
        ) : (
          <ResultTable key={tab} rows={result[tab]} columns={reconciliationColumns} rowId={rowId} list={LISTS[tab]}>
            {downloadButton(`Download ${TAB_LABELS[tab].toLowerCase()} (CSV)`, () => save(tab))}
          </ResultTable>
        )}
      </div>
    </div>
  );
}
