"use client";

import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts, type Noun } from "@/components/data-table/data-table-counts";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { useDataTable } from "@/components/data-table/use-data-table";

/*
 * One list of a result (matched people, unmatched entries, a reconciliation's missing members) in
 * the kit's table: searchable, sortable, its view in the URL under its own namespace, with the
 * page's actions (downloads) beside the search box.
 */

/** What a list is called and says: its URL namespace, its label, its noun, the search box's label, the line shown when it is empty. */
export interface ResultList {
  namespace: string;
  label: string;
  noun: Noun;
  searchLabel: string;
  empty: ReactNode;
}

export function ResultTable<T>({
  rows,
  columns,
  rowId,
  list: { namespace, label, noun, searchLabel, empty },
  children,
  height = "max-h-96",
}: {
  rows: T[];
  /** Memoized (module-level) column definitions. */
  columns: AnyColumnDef<T>[];
  rowId: (row: T) => string;
  list: ResultList;
  children?: ReactNode;
  height?: string;
}) {
  const controller = useDataTable({ data: rows, columns, getRowId: rowId, urlNamespace: namespace });
  return (
    <div className="flex flex-col gap-2">
      <DataTableToolbar controller={controller} searchLabel={searchLabel} searchPlaceholder="Search this list">
        {children}
      </DataTableToolbar>
      <DataTableCounts table={controller.table} noun={noun} />
      <DataTable table={controller.table} label={label} empty={empty} className={`min-h-0 ${height}`} />
    </div>
  );
}
