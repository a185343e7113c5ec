"use client";

import type { Table } from "@tanstack/react-table";
import { useId, useRef, useState } from "react";
import { countOf, formatCount, pluralize } from "@/lib/browser/format/numbers";
import { TABLE_COLUMNS, type TableDownloadScope, type TableKind } from "@/lib/shared/downloads/table-download";
import { useShownSync } from "@/lib/browser/query/shown-sync";
import type { Noun } from "./data-table-counts";
import { describeView } from "./describe-view";
import { DownloadIcon } from "./icons";
import { matchingRowIds, selectedRowIds } from "./selection";
import { matchedCount } from "./server-rows";
import { announce } from "./announce";
import { saveTableDownload, type TableDownloadFormat } from "./table-download-client";

type Scope = "matching" | "selected";

/**
 * "Download" that says, before anything is written, which rows (every row matching the filters,
 * across the whole walked list, or just the selection), which columns and how many. The file is
 * built and audited on the server (POST /api/downloads/table) from the sync the table shows: the
 * browser sends only the rows' ids, and saves what comes back.
 * While the list is still loading, "all matching" is not offered: it would be a silent cap.
 */
export function DataTableCsvDialog<TData>({
  table,
  noun,
  download,
  complete,
  loadedSoFar,
  disabledReason,
}: {
  table: Table<TData>;
  noun: Noun;
  /**
   * Which server table the rows are (their ids are the table's row ids), and of which sync (default:
   * the one the page shows). `matchingQuery`: the server picks "all matching" rows from this view
   * query itself (People), so no ids travel either way.
   */
  download: { table: TableKind; scope?: TableDownloadScope; sync?: string | null; matchingQuery?: string };
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
  const [format, setFormat] = useState<TableDownloadFormat>("csv");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState<{ matching: number; selected: number; view: string[] } | null>(null);
  const shown = useShownSync();

  const columns = TABLE_COLUMNS[download.table];
  const sync = download.sync !== undefined ? download.sync : shown?.source === "store" ? shown.id : null;
  const reason =
    disabledReason ??
    (sync ? undefined : "Downloads are built from a completed sync; this page shows live data while the first sync runs. Try again once it has finished.");

  const open = () => {
    const selected = selectedRowIds(table).length;
    const matching = matchedCount(table);
    setSnapshot({ matching, selected, view: describeView(table) });
    setScope(complete ? (selected > 0 ? "selected" : "matching") : "selected");
    setFailure(null);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();

  const matchingAllowed = complete;
  const count = snapshot ? (scope === "matching" ? snapshot.matching : snapshot.selected) : 0;
  const canDownload = !reason && !busy && count > 0 && (scope === "selected" || matchingAllowed);

  const save = async () => {
    if (!sync || !snapshot) return;
    setBusy(true);
    setFailure(null);
    try {
      const byQuery = scope === "matching" && download.matchingQuery !== undefined;
      const ids = byQuery ? [] : scope === "matching" ? await matchingRowIds(table) : selectedRowIds(table);
      const name = await saveTableDownload({
        table: download.table,
        scope: download.scope ?? {},
        sync,
        rows: scope,
        ids,
        ...(byQuery ? { query: download.matchingQuery } : {}),
        columns: [...columns],
        view: snapshot.view,
        format,
        bom: format === "csv" && bom,
      });
      announce(`Downloading ${name}: ${countOf(byQuery ? snapshot.matching : ids.length, "row")}`);
      close();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? "Download the rows as CSV or XLSX (built on the server, recorded in the audit log)"}
        className="inline-flex h-7 items-center gap-1 rounded border border-brand-600 bg-brand-600 px-2 text-xs font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-500"
      >
        <DownloadIcon /> Download
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto w-[34rem] max-w-[95vw] rounded-md border border-slate-200 p-0 text-sm shadow-xl backdrop:bg-slate-900/30">
        {snapshot && (
          <form
            method="dialog"
            className="p-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (canDownload) void save();
            }}
          >
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              Download {noun.other}
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
              <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Columns ({columns.length})</p>
              <p className="mt-1 font-mono text-xs break-words text-slate-700">{columns.join(", ")}</p>
            </div>

            <fieldset className="mt-3 text-xs text-slate-600">
              <legend className="text-xs font-medium tracking-wide text-slate-500 uppercase">Format</legend>
              <label className="mt-1 flex cursor-pointer items-start gap-2 rounded p-1">
                <input type="radio" name={`${id}-format`} className="mt-0.5 accent-brand-600" checked={format === "xlsx"} onChange={() => setFormat("xlsx")} />
                <span>
                  <strong>XLSX</strong>: to open in a spreadsheet (Excel, Calc, Numbers). Every cell is text, so no value can run as a formula, whatever the
                  spreadsheet&apos;s list separator.
                </span>
              </label>
              <label className="flex cursor-pointer items-start gap-2 rounded p-1">
                <input type="radio" name={`${id}-format`} className="mt-0.5 accent-brand-600" checked={format === "csv"} onChange={() => setFormat("csv")} />
                <span>
                  <strong>CSV</strong>: for tools and scripts. UTF-8, RFC 4180 quoting; cells starting with = + - @ or a tab/line break get a leading &apos;.
                  Do not double-click it open in a spreadsheet set to &quot;;&quot;: use the XLSX.
                </span>
              </label>
              {format === "csv" && (
                <label className="mt-1 ml-6 inline-flex items-center gap-2">
                  <input type="checkbox" className="accent-brand-600" checked={bom} onChange={(e) => setBom(e.target.checked)} />
                  Add a byte-order mark (for Excel on Windows)
                </label>
              )}
              <p className="mt-2">
                The server builds the file from the sync this page shows{sync ? <span className="font-mono"> ({sync})</span> : null}, names it after the table, the view and that
                sync, and records it (rows, SHA-256, filters) in the audit log before it is sent.
              </p>
            </fieldset>

            {reason && <p className="mt-3 text-xs text-red-800">{reason}</p>}
            {failure && (
              <p role="alert" className="mt-3 text-xs text-red-800">
                {failure}
              </p>
            )}

            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={close} className="h-8 rounded border border-slate-300 px-3 text-sm hover:bg-slate-50">
                Cancel
              </button>
              <button
                type="submit"
                disabled={!canDownload}
                className="h-8 rounded border border-brand-600 bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-500"
              >
                {busy ? "Preparing…" : `Download ${formatCount(count)} ${pluralize(count, "row", "rows")}`}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
