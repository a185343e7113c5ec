import type { ColumnDef, FilterFnOption } from "@tanstack/react-table";
import type { TableUrlSpec, UrlFilterKind } from "./url-parsers";
import { dateRangeFilter, multiValueFilter, textFilter } from "./filter-fns";
import type { FilterVariant } from "./column-meta";
import type { CsvColumnSpec } from "./column-meta";
import { defaultColumnHeader, titledColumnHeader } from "./data-table-column-header";

/* Derivations from a table's column definitions: the URL spec, filter functions, CSV columns. */

export type AnyColumnDef<TData> = ColumnDef<TData, any>;

export function columnIdOf<TData>(def: AnyColumnDef<TData>): string {
  if (def.id) return def.id;
  const key = (def as { accessorKey?: unknown }).accessorKey;
  if (typeof key === "string") return key.replaceAll(".", "_");
  throw new Error("Every data-table column needs an id or an accessorKey.");
}

const URL_KIND: Record<FilterVariant, UrlFilterKind> = { select: "multi", multiSelect: "multi", dateRange: "dateRange", text: "text" };

function filterFnFor<TData>(variant: FilterVariant): FilterFnOption<TData> {
  const fn = variant === "dateRange" ? dateRangeFilter : variant === "text" ? textFilter : multiValueFilter;
  return fn as unknown as FilterFnOption<TData>;
}

/**
 * Columns completed with the kit's defaults: the filter function of their variant, and a sortable
 * header showing `meta.label` when they name no header of their own.
 */
export function withKitDefaults<TData>(columns: AnyColumnDef<TData>[]): AnyColumnDef<TData>[] {
  return columns.map((def) => {
    const variant = def.meta?.variant;
    const out: AnyColumnDef<TData> = { ...def };
    if (variant && !def.filterFn) out.filterFn = filterFnFor<TData>(variant);
    if (def.header === undefined) out.header = defaultColumnHeader;
    else if (typeof def.header === "string") out.header = titledColumnHeader(def.header);
    return out;
  });
}

/** @deprecated use withKitDefaults */
export const withFilterFns = withKitDefaults;

const hasAccessor = <TData>(def: AnyColumnDef<TData>) => "accessorKey" in def || "accessorFn" in def;

export function urlSpecFromColumns<TData>(columns: AnyColumnDef<TData>[], namespace?: string): TableUrlSpec {
  const filters: TableUrlSpec["filters"] = [];
  const sortable: string[] = [];
  const hideable: string[] = [];
  for (const def of columns) {
    const id = columnIdOf(def);
    const variant = def.meta?.variant;
    if (variant) filters.push({ columnId: id, key: def.meta?.urlKey ?? id, kind: URL_KIND[variant] });
    if (def.enableSorting !== false && hasAccessor(def)) sortable.push(id);
    if (def.enableHiding !== false) hideable.push(id);
  }
  return { namespace, filters, sortable, hideable };
}

export function defaultHiddenColumns<TData>(columns: AnyColumnDef<TData>[]): string[] {
  return columns.filter((d) => d.meta?.hiddenByDefault).map(columnIdOf);
}

/** The CSV columns a table exports, in column order: those whose meta has `csv`. */
export function csvColumnsOf<TData>(columns: AnyColumnDef<TData>[]): CsvColumnSpec<TData>[] {
  return columns.flatMap((d) => (d.meta?.csv ? [d.meta.csv] : []));
}

/** The id of the hidden column the toolbar's search runs on. */
export const SEARCH_COLUMN_ID = "__search";

function valueOf<TData>(def: AnyColumnDef<TData>, row: TData, index: number): unknown {
  const fn = (def as { accessorFn?: (row: TData, index: number) => unknown }).accessorFn;
  if (fn) return fn(row, index);
  const key = (def as { accessorKey?: unknown }).accessorKey;
  return typeof key === "string" ? (row as Record<string, unknown>)[key] : undefined;
}

/**
 * A hidden column holding each row's searchable values, lower-cased, computed once per row
 * (TanStack caches accessor values): a keystroke then costs a few `includes` per row instead of
 * stringifying and lower-casing three columns of 50,000 rows again.
 */
export function searchColumn<TData>(columns: AnyColumnDef<TData>[]): AnyColumnDef<TData> | null {
  const searchable = columns.filter((d) => d.meta?.searchable);
  if (searchable.length === 0) return null;
  return {
    id: SEARCH_COLUMN_ID,
    accessorFn: (row: TData, index: number) =>
      searchable.flatMap((d) => {
        const v = valueOf(d, row, index);
        return (Array.isArray(v) ? v : [v]).map((x) => (x === null || x === undefined ? "" : String(x).toLowerCase()));
      }),
    enableHiding: false,
    enableSorting: false,
    enableColumnFilter: false,
    header: () => null,
    size: 0,
  };
}
