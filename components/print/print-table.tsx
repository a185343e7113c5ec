import type { ReactNode } from "react";
import { formatCount } from "@/lib/browser/format/numbers";

/*
 * A plain table of every row, for the browser's print: the screen tables are virtualised (only the
 * rows in view exist), so what prints is this, rendered only for print (`hidden print:block` on
 * its PrintLayout). No links or controls: paper cannot click.
 */

export interface PrintColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export function PrintTable<T>({ caption, columns, rows, rowKey, empty = "None." }: { caption: string; columns: PrintColumn<T>[]; rows: readonly T[]; rowKey?: (row: T, index: number) => string; empty?: string }) {
  return (
    <section className="mb-4 break-inside-auto">
      <h2 className="text-sm font-semibold">
        {caption} ({formatCount(rows.length)})
      </h2>
      {rows.length === 0 ? (
        <p className="text-xs">{empty}</p>
      ) : (
        <table data-print-table={caption} className="w-full border-collapse text-[10px]">
          <thead className="table-header-group">
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className="border-b border-black px-1 text-left align-bottom">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={rowKey ? rowKey(r, i) : i} className="break-inside-avoid">
                {columns.map((c) => (
                  <td key={c.header} className="border-b border-slate-300 px-1 align-top">
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What only the printer sees: a header and the tables. The screen layout beside it is `print:hidden`. */
export function PrintLayout({ children }: { children: ReactNode }) {
  return (
    <div data-print-layout="" className="hidden text-black print:block">
      {children}
    </div>
  );
}
