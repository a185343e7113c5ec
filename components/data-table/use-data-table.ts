import {
  functionalUpdate,
  getCoreRowModel,
  getFacetedMinMaxValues,
  getFacetedRowModel,
  getFacetedUniqueValues,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type RowSelectionState,
  type SortingState,
  type Table,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useTableUrlState } from "@/lib/url-state/use-table-url-state";
import type { TableUrlState } from "@/lib/url-state/table-url-state";
import { columnIdOf, defaultHiddenColumns, SEARCH_COLUMN_ID, searchColumn, urlSpecFromColumns, withKitDefaults, type AnyColumnDef } from "./column-spec";
import { searchKeyFilter } from "./filter-fns";

/*
 * One table's state, wired the same way for every page: search, filters, sort and hidden columns
 * live in the URL (filters and sort push a history entry, so Back undoes them; typing replaces,
 * after a first push); row selection lives in memory (it can be 50,000 ids). The search box
 * updates at once while filtering runs deferred, so typing never waits for 50,000 rows.
 */

export interface UseDataTableOptions<TData> {
  data: TData[];
  /** Memoize: a new array re-derives everything. */
  columns: AnyColumnDef<TData>[];
  getRowId: (row: TData) => string;
  /** Key prefix when two tables share a page. */
  urlNamespace?: string;
  defaultSorting?: SortingState;
}

export interface DataTableController<TData> {
  table: Table<TData>;
  /** The search box's text (immediate). */
  search: string;
  setSearch: (text: string) => void;
  /** True while the table has not caught up with the search box yet. */
  searchPending: boolean;
  resetView: () => void;
  hasActiveView: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;
/** Keystrokes closer together than this are one search: one history entry, not one per letter. */
const TYPING_SESSION_MS = 1500;
const NO_SORTING: SortingState = [];

export function useDataTable<TData>(opts: UseDataTableOptions<TData>): DataTableController<TData> {
  const { data, getRowId, urlNamespace } = opts;
  const defaultSorting = opts.defaultSorting ?? NO_SORTING;
  const columns = useMemo(() => withKitDefaults(opts.columns), [opts.columns]);
  const tableColumns = useMemo(() => {
    const search = searchColumn(columns);
    return search ? [...columns, search] : columns;
  }, [columns]);
  const spec = useMemo(() => urlSpecFromColumns(columns, urlNamespace), [columns, urlNamespace]);
  const defaultHidden = useMemo(() => defaultHiddenColumns(columns), [columns]);
  const { state: url, update } = useTableUrlState(spec);

  // --- search: local text, written to the URL after a pause ---
  const [search, setSearchText] = useState(url.search);
  const written = useRef(url.search);
  const lastWriteAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    // The URL changed under us (Back, a pasted link): the box follows.
    if (url.search !== written.current) {
      written.current = url.search;
      setSearchText(url.search);
    }
  }, [url.search]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const setSearch = useCallback(
    (text: string) => {
      setSearchText(text);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const now = Date.now();
        const mode = now - lastWriteAt.current > TYPING_SESSION_MS ? "push" : "replace";
        lastWriteAt.current = now;
        written.current = text;
        update((s) => ({ ...s, search: text }), mode);
      }, SEARCH_DEBOUNCE_MS);
    },
    [update],
  );
  const deferredSearch = useDeferredValue(search);

  // --- sorting, filters, visibility: the URL is the state ---
  const sorting = url.sorting.length ? url.sorting : defaultSorting;
  const columnVisibility = useMemo<VisibilityState>(() => {
    const hidden = url.hidden ?? defaultHidden;
    return { ...Object.fromEntries(hidden.map((id) => [id, false])), [SEARCH_COLUMN_ID]: false };
  }, [url.hidden, defaultHidden]);

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) =>
      update((s) => ({ ...s, sorting: functionalUpdate(updater, s.sorting.length ? s.sorting : defaultSorting) }), "push"),
    [update, defaultSorting],
  );
  const onColumnFiltersChange = useCallback(
    (updater: Updater<TableUrlState["filters"]>) => update((s) => ({ ...s, filters: functionalUpdate(updater, s.filters) }), "push"),
    [update],
  );
  const onColumnVisibilityChange = useCallback(
    (updater: Updater<VisibilityState>) =>
      update((s) => {
        const current: VisibilityState = Object.fromEntries((s.hidden ?? defaultHidden).map((id) => [id, false]));
        const next = functionalUpdate(updater, current);
        const hidden = Object.entries(next)
          .filter(([id, visible]) => !visible && id !== SEARCH_COLUMN_ID)
          .map(([id]) => id)
          .sort();
        const isDefault = hidden.join(",") === [...defaultHidden].sort().join(",");
        return { ...s, hidden: isDefault ? null : hidden };
      }, "push"),
    [update, defaultHidden],
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
    onColumnFiltersChange: onColumnFiltersChange as never,
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

  const resetView = useCallback(() => {
    clearTimeout(timer.current);
    setSearchText("");
    written.current = "";
    update((s) => ({ ...s, search: "", filters: [] }), "push");
  }, [update]);

  return {
    table,
    search,
    setSearch,
    searchPending: search !== deferredSearch,
    resetView,
    hasActiveView: search.trim() !== "" || url.filters.length > 0,
  };
}

export { columnIdOf };
