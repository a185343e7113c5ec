"use client";

import { AppLink } from "@/components/shell/app-link";
import { useId, useState, type ReactNode } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { DownloadIcon } from "@/components/data-table/icons";
import { formatCount } from "@/lib/browser/format/numbers";
import type { ExportFormat } from "./fetch-export";
import { formatBytes } from "./format-bytes";
import { useExportDownload, type DownloadState } from "./use-export-download";

/*
 * One export as the officer meets it: what the file holds (rows, columns, how many when known),
 * the filters, and a download that shows its progress, can be cancelled, and says plainly how it
 * ended. Nothing is saved unless the whole file arrived.
 */

export interface ExportCardProps {
  /** Stable id, for headings and test hooks ("users"). */
  id: string;
  title: string;
  /** Which rows the file holds. */
  rows: ReactNode;
  columns: readonly string[];
  /** How many rows to expect, when known. */
  count?: ReactNode;
  filters?: ReactNode;
  format: ExportFormat;
  /** The link to download, or why the current choices cannot be exported. */
  href: { ok: true; href: string } | { ok: false; message: string };
  bom: boolean;
  onBomChange: (bom: boolean) => void;
  /** Why this officer may not download (viewer role). */
  disabledReason?: string;
  /** The same rows as an XLSX of text cells, for opening in a spreadsheet. */
  spreadsheetHref?: string;
}

export function ExportCard(props: ExportCardProps) {
  const { state, start, cancel } = useExportDownload(props.format);
  const sheet = useExportDownload("xlsx");
  // One status line for the card: the download started last (CSV/NDJSON or XLSX).
  const [shown, setShown] = useState<"file" | "sheet">("file");
  const startFile = (href: string) => {
    setShown("file");
    void start(href);
  };
  const startSheet = () => {
    if (!props.spreadsheetHref) return;
    setShown("sheet");
    void sheet.start(props.spreadsheetHref);
  };
  const uid = useId();
  const running = state.status === "running";
  const sheetRunning = sheet.state.status === "running";
  const blocked = props.disabledReason ?? (!props.href.ok ? props.href.message : undefined);

  return (
    <section aria-labelledby={`${uid}-title`} data-export={props.id} className="rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${uid}-title`} className="text-base font-semibold text-slate-900">
          {props.title}
        </h2>
        {props.href.ok && <code className="truncate font-mono text-xs text-slate-500">{props.href.href}</code>}
      </div>
      <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Rows</dt>
        <dd className="text-slate-800">{props.rows}</dd>
        <dt className="text-slate-500">Columns</dt>
        <dd className="flex flex-wrap gap-1">
          {props.columns.map((c) => (
            <code key={c} className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-700">
              {c}
            </code>
          ))}
        </dd>
        {props.count && (
          <>
            <dt className="text-slate-500">How many</dt>
            <dd className="text-slate-800">{props.count}</dd>
          </>
        )}
      </dl>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        {props.filters}
        {props.format === "csv" && (
          <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
            <input type="checkbox" className="h-3.5 w-3.5 accent-brand-600" checked={props.bom} onChange={(e) => props.onBomChange(e.target.checked)} />
            Byte-order mark for Excel
          </label>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {running ? (
          <button type="button" onClick={cancel} className="inline-flex h-8 items-center gap-1.5 rounded border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Cancel download
          </button>
        ) : (
          <button
            type="button"
            disabled={Boolean(blocked)}
            aria-describedby={blocked ? `${uid}-blocked` : undefined}
            onClick={() => props.href.ok && startFile(props.href.href)}
            className="inline-flex h-8 items-center gap-1.5 rounded bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
          >
            <DownloadIcon />
            Download {props.title}
          </button>
        )}
        {props.spreadsheetHref &&
          (sheetRunning ? (
            <button type="button" onClick={sheet.cancel} className="inline-flex h-8 items-center gap-1.5 rounded border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Cancel XLSX download
            </button>
          ) : (
            <button
              type="button"
              disabled={Boolean(blocked)}
              onClick={startSheet}
              className="inline-flex h-8 items-center gap-1.5 rounded border border-brand-600 bg-white px-3 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:border-slate-300 disabled:text-slate-500"
            >
              <DownloadIcon />
              Download XLSX for a spreadsheet
            </button>
          ))}
        {blocked && !running && (
          <p id={`${uid}-blocked`} className="text-xs text-slate-600">
            {blocked}
          </p>
        )}
      </div>
      {props.spreadsheetHref && (
        <p className="mt-2 max-w-3xl text-xs text-slate-600">
          <strong className="font-medium text-slate-800">Opening it in Excel, Calc or Numbers? Use the XLSX.</strong> Every cell in it is text, so no value can run as a
          formula, whatever your spreadsheet&apos;s language or list separator. The {props.format === "ndjson" ? "NDJSON" : "CSV"} is for tools and scripts: exact values
          for import and comparison{props.format === "csv" ? " (a spreadsheet set to split on “;” can still misread a CSV)" : ""}.
        </p>
      )}
      {shown === "sheet" ? (
        <DownloadStatus state={sheet.state} rowsKnown={false} onRetry={!blocked ? startSheet : undefined} />
      ) : (
        <DownloadStatus state={state} onRetry={props.href.ok && !blocked ? () => startFile(props.href.ok ? props.href.href : "") : undefined} />
      )}
    </section>
  );
}

function progressTextOf(p: { rows: number; bytes: number }, rowsKnown = true): string {
  // A workbook streams compressed: its rows cannot be counted on the way (the audit log has them).
  if (!rowsKnown) return formatBytes(p.bytes);
  return `${formatCount(p.rows)} ${p.rows === 1 ? "row" : "rows"}, ${formatBytes(p.bytes)}`;
}

function DownloadStatus({ state, onRetry, rowsKnown = true }: { state: DownloadState; onRetry?: () => void; rowsKnown?: boolean }) {
  const progressText = (p: { rows: number; bytes: number }) => progressTextOf(p, rowsKnown);
  // One live region, always present, so a screen reader hears each change of state.
  let body: ReactNode = null;
  switch (state.status) {
    case "idle":
      break;
    case "running":
      body = (
        <p className="flex items-center gap-2 text-slate-700">
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden="true" />
          Downloading: <strong className="tabular-nums">{progressText(state)}</strong> so far. The file is saved when the last row has arrived.
        </p>
      );
      break;
    case "saved":
      body = (
        <p className="text-emerald-800">
          Saved <code className="font-mono">{state.filename}</code>: {progressText(state)}
          {state.seconds > 0 ? ` in ${formatCount(state.seconds)} s` : ""}. The export is recorded in the{" "}
          <AppLink href="/audit?action=export" className="underline">
            audit log
          </AppLink>{" "}
          with the file&apos;s SHA-256.
        </p>
      );
      break;
    case "cancelled":
      body = <p className="text-slate-700">Cancelled after {progressText(state)}. Nothing was saved.</p>;
      break;
    case "incomplete":
      body = (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-900">
          <p className="font-medium">The export did not finish: the file is incomplete and was not saved.</p>
          <p className="mt-0.5 text-red-800">
            {progressText(state)} arrived before the server stopped (the Compliance API kept failing, or the connection was lost). The{" "}
            <AppLink href="/audit?outcome=aborted" className="underline">
              audit log
            </AppLink>{" "}
            records it as aborted, with the reason.
          </p>
          {onRetry && (
            <button type="button" onClick={onRetry} className="mt-2 rounded border border-red-300 bg-white px-2 py-0.5 text-xs font-medium text-red-900 hover:bg-red-100">
              Try again
            </button>
          )}
        </div>
      );
      break;
    case "refused":
      body = <ErrorNotice error={state.error} onRetry={onRetry} />;
      break;
  }
  return (
    <div role="status" aria-live="polite" className="mt-2 text-sm empty:hidden">
      {body}
    </div>
  );
}
