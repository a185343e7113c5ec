import type { RowData } from "@tanstack/react-table";
import type { CsvCell } from "@/lib/shared/csv/write";

/*
 * What a column tells the kit about itself, typed once for every table. The toolbar renders a
 * filter for each column with a `variant`, the URL keeps it under `urlKey`, the CSV dialog exports
 * columns with `csv`: adding a column to a table needs no toolbar, URL or export changes.
 */

export type FilterVariant = "select" | "multiSelect" | "dateRange" | "text";

export interface FilterOption {
  value: string;
  /** Shown instead of the raw value. */
  label?: string;
}

export interface CsvColumnSpec<TData> {
  header: string;
  value: (row: TData) => CsvCell;
}

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Human name, for filter buttons, the column menu and the CSV dialog. */
    label?: string;
    /** Renders a filter of this kind in the toolbar. */
    variant?: FilterVariant;
    /** Known values (in this order); counts always come from the rows. Omit to derive from the rows. */
    options?: FilterOption[];
    /** Query-string key of the filter; defaults to the column id. */
    urlKey?: string;
    /** Searched by the toolbar's search box. */
    searchable?: boolean;
    /** Hidden until the officer shows it. */
    hiddenByDefault?: boolean;
    /** Right-align (numbers). */
    align?: "left" | "right";
    /** Exported to CSV under this header with this value. */
    csv?: CsvColumnSpec<TData>;
  }
}

export {};
