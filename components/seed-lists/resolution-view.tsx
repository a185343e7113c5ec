"use client";

import { useMemo, type ReactNode } from "react";
import { useQueryState } from "nuqs";
import { formatCount, pluralize } from "@/lib/format/numbers";
import { pageParam } from "@/components/data-table/url-parsers";
import type { Resolution, SourceRecord } from "@/lib/seed-lists/schema";
import { entryColumns, personColumns, type EntryRow, type PersonRow } from "./resolution-columns";
import { entryRows, personRows } from "./resolution-rows";
import { ResultTable } from "./result-table";

/*
 * Where every entry went: the people matched, the entries that matched no one, the repeats, and
 * the blanks (ignored, but counted). The four lists add up to the entries entered; the counts
 * line says so, and the selected list is in the URL (`?list=`).
 */

const TABS = ["people", "unmatched", "duplicates", "blank"] as const;
type Tab = (typeof TABS)[number];

const personId = (r: PersonRow) => r.user_id;
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
  const tabs: { id: Tab; label: string; count: number }[] = [
    { id: "people", label: "People matched", count: c.people },
    { id: "unmatched", label: "Unmatched", count: c.unmatched },
    { id: "duplicates", label: "Duplicates", count: c.duplicate },
    { id: "blank", label: "Blank, ignored", count: c.blank },
  ];

  return (
    <div className="flex flex-col gap-2">
      <ResolutionCounts resolution={resolution} />
      <div role="tablist" aria-label="Lists of the resolution" className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`seed-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`seed-panel-${t.id}`}
            onClick={() => setParam(t.id === "people" ? "" : t.id)}
            className={`-mb-px rounded-t border px-3 py-1 text-sm ${tab === t.id ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label} ({formatCount(t.count)})
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`seed-panel-${tab}`} aria-labelledby={`seed-tab-${tab}`}>
        {tab === "people" ? (
          <ResultTable
            rows={people}
            columns={personColumns}
            rowId={personId}
            namespace="p"
            label="People matched"
            noun={{ one: "person", other: "people" }}
            searchLabel="Search the people matched"
            empty="No entry matched anyone in the directory."
          >
            {actions}
          </ResultTable>
        ) : (
          <ResultTable
            key={tab}
            rows={rows[tab]}
            columns={entryColumns}
            rowId={entryId}
            namespace={tab.slice(0, 1)}
            label={tabs.find((t) => t.id === tab)!.label}
            noun={{ one: "entry", other: "entries" }}
            searchLabel="Search these entries"
            empty={tab === "unmatched" ? "Every entry matched someone." : tab === "duplicates" ? "No entry repeats another." : "No blank entries."}
          >
            {actions}
          </ResultTable>
        )}
      </div>
    </div>
  );
}
