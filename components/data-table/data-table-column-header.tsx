"use client";

import type { Column, HeaderContext } from "@tanstack/react-table";
import { SortIcon } from "./icons";

/** A header that sorts on click (shift-click adds a second sort key). */
export function DataTableColumnHeader<TData, TValue>({ column, title }: { column: Column<TData, TValue>; title: string }) {
  if (!column.getCanSort()) return <span className="truncate">{title}</span>;
  const sorted = column.getIsSorted();
  const next = column.getNextSortingOrder();
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className="-mx-1 inline-flex max-w-full items-center gap-1 rounded px-1 hover:bg-slate-200/60 hover:text-slate-900"
      title={next ? `Sort ${next === "asc" ? "ascending" : "descending"} (shift-click to add)` : "Remove sort"}
    >
      <span className="truncate">{title}</span>
      <SortIcon direction={sorted} />
      {sorted && column.getSortIndex() > 0 && <span className="text-[10px] text-slate-500">{column.getSortIndex() + 1}</span>}
    </button>
  );
}

/** The header a column gets when its definition names none: its meta label, sortable when the column is. */
export function defaultColumnHeader<TData, TValue>({ column }: HeaderContext<TData, TValue>) {
  return <DataTableColumnHeader column={column} title={column.columnDef.meta?.label ?? column.id} />;
}

/** A sortable header with a fixed title (for columns that give `header` as a string). */
export function titledColumnHeader(title: string) {
  return function TitledHeader<TData, TValue>({ column }: HeaderContext<TData, TValue>) {
    return <DataTableColumnHeader column={column} title={title} />;
  };
}
