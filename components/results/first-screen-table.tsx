import type { ReactNode } from "react";
import { TableHead } from "./table-head";
import { countOf, formatCount } from "@/lib/browser/format/numbers";

/*
 * A page's first rows as the server renders them, before any script has run: the same look and
 * the same table semantics (aria-rowcount, aria-rowindex) as the data-table kit's table, so the
 * rows paint as the document arrives. It is what a dashboard page shows until it has hydrated;
 * then the interactive table takes its place with the same rows (the page seeds its query from
 * the same first screen), so nothing is fetched twice and nothing jumps but the toolbar.
 *
 * No hooks and no browser-only formatting: its markup is the same on the server and during
 * hydration, whatever the officer's locale or time zone.
 */

/** Rows a first screen draws: a screenful. The rest of what the server sent seeds the interactive table. */
export const FIRST_SCREEN_ROWS = 30;

/**
 * A column: its header and its width in px, as the interactive table's column ("" for the
 * selection column); "sr-only" for a header the interactive table names only for screen readers.
 */
export type FirstScreenColumn = readonly [header: string, width: number, shown?: "sr-only"];

/**
 * What a header cell holds. The selection column's: the interactive table's checkbox, not yet
 * usable, so the header is named for screen readers and nothing moves when the table takes over.
 */
function headerContent(columns: readonly FirstScreenColumn[], header: string, index: number): ReactNode {
  if (header === "") return <input type="checkbox" disabled className="h-3.5 w-3.5 align-middle" aria-label="Select rows (once the table has loaded)" />;
  return columns[index]?.[2] === "sr-only" ? <span className="sr-only">{header}</span> : header;
}

export interface FirstScreenRow {
  key: string;
  cells: ReactNode[];
}

export interface FirstScreenTableProps {
  /** The table's accessible name, as the interactive table's. */
  label: string;
  columns: readonly FirstScreenColumn[];
  rows: readonly FirstScreenRow[];
  /** Rows in the whole table (matching the view), not only those shown. */
  rowCount: number;
  rowHeight?: number;
}

export function FirstScreenTable({ label, columns, rows, rowCount, rowHeight = 32 }: FirstScreenTableProps) {
  const minWidth = columns.reduce((w, [, width]) => w + width, 0);
  return (
    <div className="relative min-h-0 flex-1 overflow-auto rounded border border-slate-200 bg-white" role="region" aria-label={label}>
      <table className="w-full table-fixed border-separate border-spacing-0" style={{ minWidth }} aria-rowcount={rowCount + 1} aria-busy>
        <caption className="sr-only">{label}</caption>
        <colgroup>
          {columns.map(([header, width]) => (
            <col key={header} style={{ width }} />
          ))}
        </colgroup>
        <TableHead
          headers={columns.map(([header]) => header)}
          rowClassName="[&>th]:sticky [&>th]:top-0"
          content={(header, index) => headerContent(columns, header, index)}
          cellClassName="h-8 border-b border-slate-200 bg-slate-50 px-2 text-left text-xs font-medium whitespace-nowrap text-slate-600"
        />
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key} aria-rowindex={i + 2} style={{ height: rowHeight }}>
              {row.cells.map((cell, j) => (
                <td key={columns[j]?.[0] ?? j} className="overflow-hidden border-b border-slate-100 px-2 text-sm text-ellipsis whitespace-nowrap">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The line under a first screen while the page's scripts load: what is shown, and that the rest follows. */
export function FirstScreenNote({ shown, total, noun }: { shown: number; total: number; noun: { one: string; other: string } }) {
  return (
    <p className="text-xs text-slate-600" role="status">
      {shown < total ? `The first ${formatCount(shown)} of ${countOf(total, noun.one, noun.other)}; the table opens in a moment.` : `${countOf(total, noun.one, noun.other)}.`}
    </p>
  );
}
