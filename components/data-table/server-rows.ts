import type { RowData, Table } from "@tanstack/react-table";

/*
 * A table whose search, filters, sort and counts are answered by the server (People at 150,000
 * rows): the page holds one window of the matching rows, the kit draws the rest of the scroll
 * height, asks for the window in view, and reads counts and facets from the server's answer. Every
 * kit part asks here first, so the same parts serve a table with all its rows in the tab and one
 * with a window of them.
 */

export interface ServerRows {
  /** Position of the window's first row among the matching rows. */
  offset: number;
  /** Rows matching the search and filters. */
  matched: number;
  /** Rows in the whole table. */
  total: number;
  /**
   * The rows are the view's first ones but `matched` is only how many are here: the page narrowed
   * an earlier answer in the tab and the server's count is on its way.
   */
  counting?: boolean;
  /**
   * The rows and counts are an earlier view's (another search, filter or sort), kept on screen
   * until this view's answer comes: the counts line says so rather than give the earlier count.
   */
  earlier?: boolean;
  /** Per column id, value -> rows holding it (matching the search and the other filters). */
  facets: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /**
   * The facets' counts are being asked for, or are an earlier view's: a panel shows them as pending.
   * Set only by a table that asks for counts while a panel is open (watchFacets).
   */
  facetsPending?: boolean;
  /**
   * A facet panel opened: the table asks for counts from now on, until the returned function is
   * called (the panel closed). Unset: the counts come with every answer. Stable across answers.
   */
  watchFacets?: () => () => void;
  /** A pasted list of ids/emails: how many of its entries are among the matching rows. */
  list?: { total: number; found: number; missing: string[] };
  /** The table shows rows [first, last] of the matching rows: the page fetches the window holding them. */
  onRange(first: number, last: number): void;
  /** Every matching row's id in the table's order (select all matching, downloads). */
  matchingIds(): Promise<string[]>;
}

declare module "@tanstack/react-table" {
  interface TableMeta<TData extends RowData> {
    /** Set when the server answers the table's search, filters and sort (see server-rows.ts). */
    serverRows?: ServerRows & { readonly __row?: TData };
  }
}

export function serverRowsOf<TData>(table: Table<TData>): ServerRows | undefined {
  return table.options.meta?.serverRows;
}

/** Rows matching the search and filters, everywhere, not only those loaded. */
export function matchedCount<TData>(table: Table<TData>): number {
  return serverRowsOf(table)?.matched ?? table.getFilteredRowModel().rows.length;
}

/** Rows in the whole table. */
export function totalCount<TData>(table: Table<TData>): number {
  return serverRowsOf(table)?.total ?? table.getCoreRowModel().rows.length;
}
