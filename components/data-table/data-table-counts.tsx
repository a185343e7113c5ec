"use client";

import type { Table } from "@tanstack/react-table";
import { useMemo } from "react";
import { formatCount, pluralize } from "@/lib/browser/format/numbers";
import type { Walk } from "@/lib/browser/query/use-walk";
import { parseSearch } from "../../lib/shared/data-table/search-query";
import { matchedCount, serverRowsOf, totalCount } from "./server-rows";

export interface Noun {
  one: string;
  other: string;
}

/** Which entries of a pasted list are among the rows shown, and which are not. */
function useListReport<TData>(table: Table<TData>) {
  const search = String(table.getState().globalFilter ?? "");
  const server = serverRowsOf(table);
  const rows = server ? null : table.getFilteredRowModel().rows;
  const report = useMemo(() => {
    if (!rows) return null;
    const m = parseSearch(search);
    if (m.kind !== "list") return null;
    const columns = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.searchable);
    const found = new Set<string>();
    for (const row of rows)
      for (const c of columns) {
        const v = String(row.getValue(c.id) ?? "").toLowerCase();
        if (m.values.has(v)) found.add(v);
      }
    const missing = m.entries.filter((e) => !found.has(e.toLowerCase()));
    return { total: m.entries.length, found: m.entries.length - missing.length, missing };
  }, [search, rows, table]);
  return server ? (server.list ?? null) : report;
}

/**
 * "1,204 of 48,310 users". While a list is still walking the total is not known, and the line
 * says so instead of presenting the rows so far as all of them.
 */
export function DataTableCounts<TData>({
  table,
  noun,
  walk,
}: {
  table: Table<TData>;
  noun: Noun;
  walk?: Pick<Walk<TData>, "status" | "loaded">;
}) {
  const shown = matchedCount(table);
  const total = totalCount(table);
  const counting = serverRowsOf(table)?.counting === true;
  const earlier = serverRowsOf(table)?.earlier === true;
  const selected = Object.keys(table.getState().rowSelection).length;
  const complete = !walk || walk.status === "complete";
  const filtered = shown !== total;
  const report = useListReport(table);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" aria-live={complete && !counting && !earlier ? "polite" : "off"}>
      <p>
        {earlier ? (
          <>
            <strong className="font-semibold text-slate-900">Counting…</strong> of <span className="tabular-nums">{formatCount(total)}</span> {pluralize(total, noun.one, noun.other)}
            <span className="text-slate-500"> (the rows shown are from before the last change)</span>
          </>
        ) : counting ? (
          <>
            <strong className="font-semibold text-slate-900">Counting…</strong> (the first {formatCount(shown)} shown) of <span className="tabular-nums">{formatCount(total)}</span>{" "}
            {pluralize(total, noun.one, noun.other)}
          </>
        ) : complete ? (
          filtered ? (
            <>
              <strong className="font-semibold text-slate-900 tabular-nums">{formatCount(shown)}</strong> of{" "}
              <span className="tabular-nums">{formatCount(total)}</span> {pluralize(total, noun.one, noun.other)}
            </>
          ) : (
            <>
              <strong className="font-semibold text-slate-900 tabular-nums">{formatCount(total)}</strong> {pluralize(total, noun.one, noun.other)}
            </>
          )
        ) : (
          <>
            <strong className="font-semibold text-slate-900 tabular-nums">{formatCount(shown)}</strong> of{" "}
            <span className="tabular-nums">{formatCount(total)}</span> {noun.other} loaded so far
            <span className="text-amber-700"> (not all yet: totals are unknown until the list is complete)</span>
          </>
        )}
      </p>
      {selected > 0 && (
        <p>
          <strong className="font-semibold text-slate-900 tabular-nums">{formatCount(selected)}</strong> selected{" "}
          <button type="button" onClick={() => table.resetRowSelection()} className="ml-1 underline underline-offset-2 hover:text-slate-900">
            Clear selection
          </button>
        </p>
      )}
      {report && !earlier && (
        <p className={report.missing.length ? "text-amber-800" : ""}>
          {formatCount(report.found)} of {formatCount(report.total)} pasted ids/emails found
          {report.missing.length > 0 && (
            <span title={report.missing.join("\n")}>
              ; not found{complete ? "" : " so far"}: {report.missing.slice(0, 5).join(", ")}
              {report.missing.length > 5 ? ` and ${formatCount(report.missing.length - 5)} more` : ""}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
