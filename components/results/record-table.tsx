import type { ReactNode } from "react";
import { TableHead } from "./table-head";

/* A short, hand-laid table of records (a role's groups, the API keys): a caption for screen readers, a header row, one row per record. */

export interface RecordColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Classes this column's cells add to the table's cell class. */
  className?: string;
}

/** What a page adds to the shared look: its own width, header lettering, row rules and cell density. */
export interface RecordTableLook {
  table?: string;
  headRow?: string;
  row: string;
  cell: string;
}

const withExtra = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base);

interface RecordTableProps<T> {
  caption: ReactNode;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly RecordColumn<T>[];
  look: RecordTableLook;
}

export function RecordTable<T>({ caption, rows, rowKey, columns, look }: RecordTableProps<T>) {
  const { row: rowClassName, cell: cellClassName } = look;
  const headRowClassName = withExtra("border-b border-slate-300 text-left text-xs font-medium text-slate-600", look.headRow);
  return (
    <table className={withExtra("w-full border-collapse text-sm", look.table)}>
      <caption className="sr-only">{caption}</caption>
      <TableHead headers={columns.map((c) => c.header)} rowClassName={headRowClassName} cellClassName={cellClassName} />
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className={rowClassName}>
            {columns.map((c) => (
              <td key={c.header} className={withExtra(cellClassName, c.className)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
