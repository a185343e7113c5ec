"use client";

import type { Table } from "@tanstack/react-table";
import { useId, useRef, useState } from "react";
import { formatCount, pluralize } from "@/lib/format/numbers";
import type { CsvColumnSpec } from "./column-meta";
import { csvColumnsOf, type AnyColumnDef } from "./column-spec";
import { csvFilename, downloadRowsAsCsv } from "./csv-export";
import type { Noun } from "./data-table-counts";
import { describeView } from "./describe-view";
import { DownloadIcon } from "./icons";
import { matchingRows, selectedRows } from "./selection";
import { announce } from "./announce";

type Scope = "matching" | "selected";

/**
 * "Download CSV" that says, before anything is written, which rows (every row matching the
 * filters, across the whole walked list, or just the selection), which columns and how many.
 * While the list is still loading, "all matching" is not offered: it would be a silent cap.
 */
export function DataTableCsvDialog<TData>({
  table,
  noun,
  filenameBase,
  columns,
  complete,
  loadedSoFar,
  disabledReason,
}: {
  table: Table<TData>;
  noun: Noun;
  /** "users-acme": the date and .csv are added. */
  filenameBase: string;
  /** Defaults to the columns whose meta has `csv`. */
  columns?: CsvColumnSpec<TData>[];
  /** The whole list has loaded. */
  complete: boolean;
  loadedSoFar?: number;
  /** When set, downloading is not allowed and this says why (e.g. the officer's role). */
  disabledReason?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [scope, setScope] = useState<Scope>("matching");
  const [bom, setBom] = useState(false);
  const [snapshot, setSnapshot] = useState<{ matching: number; selected: number; view: string[] } | null>(null);

  const csvColumns = columns ?? csvColumnsOf(table.options.columns as AnyColumnDef<TData>[]);

  const open = () => {
    const selected = Object.keys(table.getState().rowSelection).length;
    const matching = table.getFilteredRowModel().rows.length;
    setSnapshot({ matching, selected, view: describeView(table) });
    setScope(complete ? (selected > 0 ? "selected" : "matching") : "selected");
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();

  const matchingAllowed = complete;
  const count = snapshot ? (scope === "matching" ? snapshot.matching : snapshot.selected) : 0;
  const canDownload = !disabledReason && count > 0 && (scope === "selected" || matchingAllowed);

  const download = () => {
    const rows = scope === "matching" ? matchingRows(table) : selectedRows(table);
    const name = downloadRowsAsCsv(filenameBase, csvColumns, rows, { bom });
    announce(`Downloading ${name}: ${formatCount(rows.length)} rows`);
    close();
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        disabled={Boolean(disabledReason)}
        title={disabledReason}
        className="inline-flex h-7 items-center gap-1 rounded border border-brand-600 bg-brand-600 px-2 text-xs font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-500"
      >
        <DownloadIcon /> Download CSV
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto w-[34rem] max-w-[95vw] rounded-md border border-slate-200 p-0 text-sm shadow-xl backdrop:bg-slate-900/30">
        {snapshot && (
          <form
            method="dialog"
            className="p-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (canDownload) download();
            }}
          >
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              Download {noun.other} as CSV
            </h2>

            <fieldset className="mt-3">
              <legend className="text-xs font-medium tracking-wide text-slate-500 uppercase">Rows</legend>
              <label className={`mt-1 flex items-start gap-2 rounded p-1 ${matchingAllowed ? "cursor-pointer" : "opacity-60"}`}>
                <input type="radio" name={`${id}-scope`} className="mt-0.5 accent-brand-600" checked={scope === "matching"} disabled={!matchingAllowed} onChange={() => setScope("matching")} />
                <span>
                  All <strong className="tabular-nums">{formatCount(snapshot.matching)}</strong> {pluralize(snapshot.matching, noun.one, noun.other)} matching the current
                  search and filters (every row, not just those on screen)
                  {snapshot.view.length > 0 ? (
                    <span className="block text-xs text-slate-500">{snapshot.view.join(" · ")}</span>
                  ) : (
                    <span className="block text-xs text-slate-500">No filters: the whole list.</span>
                  )}
                  {!matchingAllowed && (
                    <span className="block text-xs text-amber-800">
                      Available once every {noun.one} has loaded{loadedSoFar !== undefined ? ` (${formatCount(loadedSoFar)} so far)` : ""}: a download now would
                      silently miss the rest.
                    </span>
                  )}
                </span>
              </label>
              <label className={`flex items-start gap-2 rounded p-1 ${snapshot.selected ? "cursor-pointer" : "opacity-60"}`}>
                <input type="radio" name={`${id}-scope`} className="mt-0.5 accent-brand-600" checked={scope === "selected"} disabled={snapshot.selected === 0} onChange={() => setScope("selected")} />
                <span>
                  Only the <strong className="tabular-nums">{formatCount(snapshot.selected)}</strong> selected {pluralize(snapshot.selected, noun.one, noun.other)}
                  {snapshot.selected === 0 && <span className="block text-xs text-slate-500">Tick rows in the table to select them.</span>}
                </span>
              </label>
            </fieldset>

            <div className="mt-3">
              <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Columns ({csvColumns.length})</p>
              <p className="mt-1 font-mono text-xs break-words text-slate-700">{csvColumns.map((c) => c.header).join(", ")}</p>
            </div>

            <div className="mt-3 text-xs text-slate-600">
              <p>
                File <span className="font-mono">{csvFilename(filenameBase)}</span>: UTF-8, RFC 4180 quoting; cells starting with = + - @ or a tab/line break get a
                leading &apos; so spreadsheets do not run them as formulas.
              </p>
              <p className="mt-1">
                This CSV is for tools and scripts. To open the data in a spreadsheet (Excel, Calc, Numbers), download the XLSX from the{" "}
                <a href="/exports" className="underline">
                  Exports
                </a>{" "}
                page instead: every cell in it is text, so no value can run as a formula, whatever the spreadsheet&apos;s list separator.
              </p>
              <label className="mt-1 inline-flex items-center gap-2">
                <input type="checkbox" className="accent-brand-600" checked={bom} onChange={(e) => setBom(e.target.checked)} />
                Add a byte-order mark (for Excel on Windows)
              </label>
            </div>

            {disabledReason && <p className="mt-3 text-xs text-red-800">{disabledReason}</p>}

            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={close} className="h-8 rounded border border-slate-300 px-3 text-sm hover:bg-slate-50">
                Cancel
              </button>
              <button
                type="submit"
                disabled={!canDownload}
                className="h-8 rounded border border-brand-600 bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-500"
              >
                Download {formatCount(count)} {pluralize(count, "row", "rows")}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
