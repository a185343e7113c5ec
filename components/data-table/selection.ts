import type { Table } from "@tanstack/react-table";

/*
 * "Select all" means all rows matching the current filters, every one of them, not the rows
 * rendered on screen (virtualized) and not only the loaded page: officers act on what they filtered.
 */

export type MatchingSelection = "all" | "some" | "none";

export function matchingSelection<TData>(table: Table<TData>): MatchingSelection {
  const rows = table.getFilteredRowModel().rows;
  const selection = table.getState().rowSelection;
  let selected = 0;
  for (const row of rows) if (selection[row.id]) selected++;
  if (selected === 0) return "none";
  return selected === rows.length ? "all" : "some";
}

/** Selects (or unselects) every row matching the filters; the selection outside them is kept. */
export function setMatchingSelected<TData>(table: Table<TData>, selected: boolean): void {
  const rows = table.getFilteredRowModel().rows;
  table.setRowSelection((prev) => {
    const next = { ...prev };
    for (const row of rows) {
      if (selected) next[row.id] = true;
      else delete next[row.id];
    }
    return next;
  });
}

/** The selected rows that exist in the data (a selection can outlive a refresh that removed someone). */
export function selectedRows<TData>(table: Table<TData>): TData[] {
  const selection = table.getState().rowSelection;
  const out: TData[] = [];
  for (const row of table.getCoreRowModel().rows) if (selection[row.id]) out.push(row.original);
  return out;
}

/** Rows matching the filters, in the table's current sort order. */
export function matchingRows<TData>(table: Table<TData>): TData[] {
  return table.getRowModel().rows.map((r) => r.original);
}

/** The ids of the selected rows that exist in the data, in the data's order. */
export function selectedRowIds<TData>(table: Table<TData>): string[] {
  const selection = table.getState().rowSelection;
  return table.getCoreRowModel().rows.filter((row) => selection[row.id]).map((row) => row.id);
}

/** The ids of the rows matching the filters, in the table's current sort order. */
export function matchingRowIds<TData>(table: Table<TData>): string[] {
  return table.getRowModel().rows.map((r) => r.id);
}
