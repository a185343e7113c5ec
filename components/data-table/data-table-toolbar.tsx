"use client";

import type { Column, Table } from "@tanstack/react-table";
import { useId, type ReactNode } from "react";
import type { DataTableController } from "./use-data-table";
import { DataTableDateRangeFilter } from "./data-table-date-range-filter";
import { DataTableFacetedFilter } from "./data-table-faceted-filter";
import { DataTableTextFilter } from "./data-table-text-filter";
import { DataTableViewOptions } from "./data-table-view-options";
import { SavedViewsMenu } from "./saved-views-menu";

function ColumnFilter<TData>({ column, table }: { column: Column<TData, unknown>; table: Table<TData> }) {
  switch (column.columnDef.meta?.variant) {
    case "select":
    case "multiSelect":
      return <DataTableFacetedFilter column={column} table={table} />;
    case "dateRange":
      return <DataTableDateRangeFilter column={column} />;
    case "text":
      return <DataTableTextFilter column={column} />;
    default:
      return null;
  }
}

/**
 * Search, one filter per filterable column (from columnDef.meta), reset, the column menu, and the
 * page's own actions (`children`, e.g. the CSV download) on the right.
 */
export function DataTableToolbar<TData>({
  controller,
  searchLabel,
  searchPlaceholder = "Search…",
  children,
}: {
  controller: DataTableController<TData>;
  searchLabel: string;
  searchPlaceholder?: string;
  children?: ReactNode;
}) {
  const { table, search, setSearch, endSearchTyping, resetView, hasActiveView } = controller;
  const id = useId();
  const filterColumns = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.variant);
  const hasSearch = table.getAllLeafColumns().some((c) => c.columnDef.meta?.searchable);

  return (
    <div className="flex flex-wrap items-center gap-2">
      {hasSearch && (
        <div className="flex items-center">
          <label htmlFor={id} className="sr-only">
            {searchLabel}
          </label>
          <input
            id={id}
            type="search"
            value={search}
            placeholder={searchPlaceholder}
            onChange={(e) => setSearch(e.target.value)}
            onBlur={endSearchTyping}
            onPaste={(e) => {
              // A single-line field drops the line breaks of a pasted list, gluing entries together.
              const text = e.clipboardData.getData("text");
              if (!/[\r\n]/.test(text)) return;
              e.preventDefault();
              const el = e.currentTarget;
              const joined = text
                .split(/\r\n|\r|\n/)
                .map((l) => l.trim())
                .filter((l) => l !== "")
                .join(", ");
              const start = el.selectionStart ?? el.value.length;
              const end = el.selectionEnd ?? el.value.length;
              setSearch(el.value.slice(0, start) + joined + el.value.slice(end));
            }}
            className="h-7 w-72 rounded border border-slate-300 px-2 text-xs placeholder:text-slate-400"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}
      {filterColumns.map((c) => (
        <ColumnFilter key={c.id} column={c as Column<TData, unknown>} table={table} />
      ))}
      {hasActiveView && (
        <button
          type="button"
          onClick={resetView}
          aria-label="Reset search and filters"
          title="Clear the search and every filter"
          className="h-7 rounded px-2 text-xs text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline"
        >
          Reset
        </button>
      )}
      <div className="ml-auto flex items-center gap-2">
        <SavedViewsMenu />
        <DataTableViewOptions table={table} />
        {children}
      </div>
    </div>
  );
}
