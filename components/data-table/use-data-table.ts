import {
  functionalUpdate,
  getCoreRowModel,
  getFacetedMinMaxValues,
  getFacetedUniqueValues,
  useReactTable,
  type ColumnFiltersState,
  type RowSelectionState,
  type SortingState,
  type Table,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useCallback, useEffect, useMemo, useState } from "react";
import { columnIdOf, defaultHiddenColumns, SEARCH_COLUMN_ID, searchColumn, urlSpecFromColumns, withKitDefaults, type AnyColumnDef } from "./column-spec";
import { searchKeyFilter } from "./filter-fns";
import { kitFacetedRowModel, kitFilteredRowModel, kitSortedRowModel, warmSearchKeys } from "./row-models";
import type { ServerRows } from "./server-rows";
import { useTableUrlState } from "./use-table-url-state";

/*
 * One table's state, wired the same way for every page: search, filters, sort and hidden columns
 * live in the URL (use-table-url-state.ts: nuqs, the URL is the only copy, so the search box, the
 * rows and the address bar always agree, also after Back); row selection lives in memory (it can
 * be 50,000 ids). A keystroke filters in the same render as the search box: one pass of the
 * hidden search column is milliseconds at 50,000 rows, and rendering the box first and the rows a
 * frame later (useDeferredValue) cost a whole extra frame before the rows showed.
 */

export interface UseDataTableOptions<TData> {
  data: TData[];
  /** Memoize: a new array re-derives everything. */
  columns: AnyColumnDef<TData>[];
  getRowId: (row: TData) => string;
  /** Key prefix when two tables share a page. */
  urlNamespace?: string;
  defaultSorting?: SortingState;
  /** Columns the page hides on its own (e.g. "only differences"), whatever the URL says; their filters keep applying. Memoize. */
  forceHidden?: readonly string[];
  /**
   * The server answers the search, filters, sort and counts (server-rows.ts); `data` is then the
   * window of matching rows it sent, in order. Memoize.
   */
  server?: ServerRows;
}

export interface DataTableController<TData> {
  table: Table<TData>;
  /** The search box's text (immediate). */
  search: string;
  setSearch: (text: string) => void;
  /** Call when the search box loses focus: the next edit starts a new history entry. */
  endSearchTyping: () => void;
  resetView: () => void;
  hasActiveView: boolean;
}

const NO_SORTING: SortingState = [];
const NO_FACETS: ReadonlyMap<string, number> = new Map();
const serverFacets = <TData>(table: Table<TData>, columnId: string) => () =>
  (table.options.meta?.serverRows?.facets.get(columnId) ?? NO_FACETS) as Map<unknown, number>;

/** A table's columns completed by the kit and its view in the URL: what a page reads before it asks the server for rows. */
export function useTableView<TData>(columnDefs: AnyColumnDef<TData>[], urlNamespace?: string) {
  const columns = useMemo(() => withKitDefaults(columnDefs), [columnDefs]);
  const spec = useMemo(() => urlSpecFromColumns(columns, urlNamespace), [columns, urlNamespace]);
  const url = useTableUrlState(spec);
  return { columns, url };
}
export type TableView<TData> = ReturnType<typeof useTableView<TData>>;

export function useDataTable<TData>(opts: UseDataTableOptions<TData>): DataTableController<TData> {
  return useDataTableOn(opts, useTableView(opts.columns, opts.urlNamespace));
}

/** useDataTable over a view the page already read (useTableView), so the page can query with it first. */
export function useDataTableOn<TData>(opts: UseDataTableOptions<TData>, view: TableView<TData>): DataTableController<TData> {
  const { data, getRowId, forceHidden, server } = opts;
  const { columns, url } = view;
  const defaultSorting = opts.defaultSorting ?? NO_SORTING;
  const tableColumns = useMemo(() => {
    const search = searchColumn(columns);
    return search ? [...columns, search] : columns;
  }, [columns]);
  const defaultHidden = useMemo(() => defaultHiddenColumns(columns), [columns]);
  const { search, setSearch, setSorting, setFilters, setHidden } = url;

  const sorting = url.sorting.length ? url.sorting : defaultSorting;
  const columnVisibility = useMemo<VisibilityState>(() => {
    const hidden = url.hidden ?? defaultHidden;
    return { ...Object.fromEntries([...hidden, ...(forceHidden ?? [])].map((id) => [id, false])), [SEARCH_COLUMN_ID]: false };
  }, [url.hidden, defaultHidden, forceHidden]);

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => void setSorting((current) => functionalUpdate(updater, current.length ? current : defaultSorting)),
    [setSorting, defaultSorting],
  );
  const onColumnFiltersChange = useCallback((updater: Updater<ColumnFiltersState>) => void setFilters((current) => functionalUpdate(updater, current)), [setFilters]);
  const onColumnVisibilityChange = useCallback(
    (updater: Updater<VisibilityState>) =>
      void setHidden((current) => {
        const before: VisibilityState = Object.fromEntries((current ?? defaultHidden).map((id) => [id, false]));
        const hidden = Object.entries(functionalUpdate(updater, before))
          .filter(([id, visible]) => !visible && id !== SEARCH_COLUMN_ID)
          .map(([id]) => id)
          .sort();
        return hidden.join(",") === [...defaultHidden].sort().join(",") ? null : hidden;
      }),
    [setHidden, defaultHidden],
  );

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  // The server's counts read through the facet API, so the faceted filters work unchanged. TanStack
  // keeps a column's facet getter for the column's life: it reads the newest answer from the options.
  const meta = useMemo(() => (server ? { serverRows: server } : undefined), [server]);
  // Rows in the tab: filter and sort here. Rows on the server: its answers are the rows.
  const local = !server;

  const table = useReactTable<TData>({
    data,
    columns: tableColumns,
    getRowId,
    meta,
    state: {
      sorting,
      columnFilters: url.filters,
      globalFilter: search,
      columnVisibility,
      rowSelection,
    },
    onSortingChange,
    onColumnFiltersChange,
    onColumnVisibilityChange,
    onRowSelectionChange: setRowSelection,
    globalFilterFn: searchKeyFilter as never,
    getColumnCanGlobalFilter: (column) => column.id === SEARCH_COLUMN_ID,
    // No pagination here (the table is virtualized); the default page-index reset would setState from a microtask on every new `data`, which inside a click's microtask checkpoint runs at sync priority and never yields.
    autoResetPageIndex: false,
    enableRowSelection: true,
    enableMultiSort: true,
    maxMultiSortColCount: 3,
    manualFiltering: !local,
    manualSorting: !local,
    manualPagination: !local,
    getCoreRowModel: getCoreRowModel(),
    ...(local
      ? {
          // TanStack's answers, faster at 50,000 rows (row-models.ts).
          getFilteredRowModel: kitFilteredRowModel(),
          getSortedRowModel: kitSortedRowModel(),
          getFacetedRowModel: kitFacetedRowModel(),
          getFacetedUniqueValues: getFacetedUniqueValues(),
          getFacetedMinMaxValues: getFacetedMinMaxValues(),
        }
      : { getFacetedUniqueValues: serverFacets }),
  });

  // Each new data array's search keys are built while the tab is idle, not by the first keystroke.
  useEffect(() => (local ? warmSearchKeys(table) : undefined), [table, data, local]);

  return {
    table,
    search,
    setSearch,
    endSearchTyping: url.endTyping,
    resetView: url.reset,
    hasActiveView: search.trim() !== "" || url.filters.length > 0,
  };
}

export { columnIdOf };
