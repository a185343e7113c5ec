"use client";

import { useMemo, type ReactNode } from "react";
import { useQueryState } from "nuqs";
import { formatCount, pluralize } from "@/lib/browser/format/numbers";
import { pageParam } from "@/components/data-table/url-parsers";
import type { Resolution, SourceRecord } from "@/lib/shared/seed-lists/schema";
import { entryColumns, personColumns, type EntryRow, type PersonRow } from "./resolution-columns";
import { entryRows, personRows } from "./resolution-rows";
import { ListTabs, tabPanelProps } from "@/components/results/list-tabs";
import { ResultTable, type ResultList } from "@/components/results/result-table";

/*
 * Where every entry went: the people matched, the entries that matched no one, the repeats, and
 * the blanks (ignored, but counted). The four lists add up to the entries entered; the counts
 * line says so, and the selected list is in the URL (`?list=`).
 */

const TABS = ["people", "unmatched", "duplicates", "blank"] as const;
type Tab = (typeof TABS)[number];

const personId = (r: PersonRow) => r.user_id;
const ENTRY = { one: "entry", other: "entries" };
const entryList = (namespace: string, label: string, empty: string): ResultList => ({ namespace, label, noun: ENTRY, searchLabel: "Search these entries", empty });
const LISTS: Record<Tab, ResultList> = {
  people: { namespace: "p", label: "People matched", noun: { one: "person", other: "people" }, searchLabel: "Search the people matched", empty: "No entry matched anyone in the directory." },
  unmatched: entryList("u", "Unmatched", "Every entry matched someone."),
  duplicates: entryList("d", "Duplicates", "No entry repeats another."),
  blank: entryList("b", "Blank, ignored", "No blank entries."),
};
const entryId = (r: EntryRow) => String(r.index);

export function ResolutionCounts({ resolution }: { resolution: Resolution }) {
  const c = resolution.counts;
  return (
    <p className="text-sm text-slate-700" aria-live="polite">
      <strong className="tabular-nums">{formatCount(c.entries)}</strong> {pluralize(c.entries, "entry", "entries")}:{" "}
      <strong className="tabular-nums">{formatCount(c.matched)}</strong> matched ({formatCount(c.people)} {pluralize(c.people, "person", "people")}),{" "}
      <strong className="tabular-nums">{formatCount(c.unmatched)}</strong> unmatched, <strong className="tabular-nums">{formatCount(c.duplicate)}</strong>{" "}
      {pluralize(c.duplicate, "duplicate")}, <strong className="tabular-nums">{formatCount(c.blank)}</strong> blank (ignored).
    </p>
  );
}

export function ResolutionView({ resolution, sources, actions }: { resolution: Resolution; sources: SourceRecord[]; actions?: ReactNode }) {
  const [param, setParam] = useQueryState("list", pageParam);
  const tab: Tab = (TABS as readonly string[]).includes(param) ? (param as Tab) : "people";
  const c = resolution.counts;
  const people = useMemo(() => personRows(resolution), [resolution]);
  const rows = useMemo(
    () => ({
      unmatched: entryRows(resolution, sources, "unmatched"),
      duplicates: entryRows(resolution, sources, "duplicate"),
      blank: entryRows(resolution, sources, "blank"),
    }),
    [resolution, sources],
  );
  const counts: Record<Tab, number> = { people: c.people, unmatched: c.unmatched, duplicates: c.duplicate, blank: c.blank };
  const tabs = TABS.map((id) => ({ id, label: LISTS[id].label, count: counts[id] }));

  return (
    <div className="flex flex-col gap-2">
      <ResolutionCounts resolution={resolution} />
      <ListTabs label="Lists of the resolution" idPrefix="seed" tabs={tabs} value={tab} onChange={(id) => setParam(id === "people" ? "" : id)} className="flex flex-wrap gap-1 border-b border-slate-200" />
      <div {...tabPanelProps("seed", tab)}>
        {tab === "people" ? (
          <ResultTable rows={people} columns={personColumns} rowId={personId} list={LISTS.people}>
            {actions}
          </ResultTable>
        ) : (
          <ResultTable key={tab} rows={rows[tab]} columns={entryColumns} rowId={entryId} list={LISTS[tab]}>
            {actions}
          </ResultTable>
        )}
      </div>
    </div>
  );
}
