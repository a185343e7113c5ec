import {
  functionalUpdate,
  getCoreRowModel,
  getFacetedMinMaxValues,
  getFacetedRowModel,
  getFacetedUniqueValues,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type RowSelectionState,
  type SortingState,
  type Table,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { columnIdOf, defaultHiddenColumns, SEARCH_COLUMN_ID, searchColumn, urlSpecFromColumns, withKitDefaults, type AnyColumnDef } from "./column-spec";
import { searchKeyFilter } from "./filter-fns";
import { useTableUrlState } from "./use-table-url-state";

/*
 * One table's state, wired the same way for every page: search, filters, sort and hidden columns
 * live in the URL (use-table-url-state.ts: nuqs, the URL is the only copy, so the search box, the
 * rows and the address bar always agree, also after Back); row selection lives in memory (it can
 * be 50,000 ids). Filtering runs on a deferred copy of the search, so typing never waits for
 * 50,000 rows.
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
}

export interface DataTableController<TData> {
  table: Table<TData>;
  /** The search box's text (immediate). */
  search: string;
  setSearch: (text: string) => void;
  /** Call when the search box loses focus: the next edit starts a new history entry. */
  endSearchTyping: () => void;
  /** True while the table has not caught up with the search box yet. */
  searchPending: boolean;
  resetView: () => void;
  hasActiveView: boolean;
}

const NO_SORTING: SortingState = [];

export function useDataTable<TData>(opts: UseDataTableOptions<TData>): DataTableController<TData> {
  const { data, getRowId, urlNamespace, forceHidden } = opts;
  const defaultSorting = opts.defaultSorting ?? NO_SORTING;
  const columns = useMemo(() => withKitDefaults(opts.columns), [opts.columns]);
  const tableColumns = useMemo(() => {
    const search = searchColumn(columns);
    return search ? [...columns, search] : columns;
  }, [columns]);
  const spec = useMemo(() => urlSpecFromColumns(columns, urlNamespace), [columns, urlNamespace]);
  const defaultHidden = useMemo(() => defaultHiddenColumns(columns), [columns]);
  const url = useTableUrlState(spec);
  const { search, setSearch, setSorting, setFilters, setHidden } = url;
  const deferredSearch = useDeferredValue(search);

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

  const table = useReactTable<TData>({
    data,
    columns: tableColumns,
    getRowId,
    state: {
      sorting,
      columnFilters: url.filters,
      globalFilter: deferredSearch,
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
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFacetedRowModel: getFacetedRowModel(),
    getFacetedUniqueValues: getFacetedUniqueValues(),
    getFacetedMinMaxValues: getFacetedMinMaxValues(),
  });

  return {
    table,
    search,
    setSearch,
    endSearchTyping: url.endTyping,
    searchPending: search !== deferredSearch,
    resetView: url.reset,
    hasActiveView: search.trim() !== "" || url.filters.length > 0,
  };
}

export { columnIdOf };
