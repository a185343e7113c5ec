import type { FilterFn, Row } from "@tanstack/react-table";
import { localDayEnd, localDayStart } from "@/lib/browser/format/dates";
import type { DateRangeValue } from "./url-parsers";
import { parseSearch, type SearchMatcher } from "../../lib/shared/data-table/search-query";

/*
 * The filter functions behind meta variants. Each resolves its filter value once per filtering
 * pass (resolveFilterValue), not once per row: 50,000 rows times a Set construction adds up.
 */

type AnyRow = Row<unknown>;

/** Cell value(s) as strings: a column may hold one value or a list (a person's organizations). */
function cellStrings(row: AnyRow, columnId: string): string[] {
  const v = row.getValue<unknown>(columnId);
  if (Array.isArray(v)) return v.map((x) => String(x ?? ""));
  return [v === null || v === undefined ? "" : String(v)];
}

/** Passes rows whose value (or one of whose values) is among the selected ones. */
export const multiValueFilter: FilterFn<unknown> = (row, columnId, selected: Set<string>) => {
  for (const v of cellStrings(row, columnId)) if (selected.has(v)) return true;
  return false;
};
multiValueFilter.resolveFilterValue = (value: unknown) => new Set(Array.isArray(value) ? value.map(String) : [String(value)]);
multiValueFilter.autoRemove = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

export interface ResolvedDateRange {
  min: number | null;
  max: number | null;
}

export function resolveDateRange(value: DateRangeValue | undefined): ResolvedDateRange {
  return {
    min: value?.from ? localDayStart(value.from) : null,
    max: value?.to ? localDayEnd(value.to) : null,
  };
}

/**
 * Passes rows whose time (epoch ms: the column's accessor parses the timestamp once) falls within
 * the officer's calendar days, both ends inclusive. A row without a time never matches a range.
 */
export const dateRangeFilter: FilterFn<unknown> = (row, columnId, range: ResolvedDateRange) => {
  const t = row.getValue<unknown>(columnId);
  if (typeof t !== "number" || Number.isNaN(t)) return false;
  if (range.min !== null && t < range.min) return false;
  if (range.max !== null && t > range.max) return false;
  return true;
};
dateRangeFilter.resolveFilterValue = (value: unknown) => resolveDateRange(value as DateRangeValue);
dateRangeFilter.autoRemove = (value: unknown) => {
  const v = value as DateRangeValue | undefined;
  return !v || (!v.from && !v.to);
};

/** Case-insensitive "contains". */
export const textFilter: FilterFn<unknown> = (row, columnId, needle: string) =>
  cellStrings(row, columnId).some((v) => v.toLowerCase().includes(needle));
textFilter.resolveFilterValue = (value: unknown) => String(value ?? "").trim().toLowerCase();
textFilter.autoRemove = (value: unknown) => !value || String(value).trim() === "";

/**
 * The toolbar's search: "contains" over the searchable columns, or, for a pasted list of ids and
 * emails, exactly those (TanStack passes a row when any searchable column matches).
 */
export const globalSearchFilter: FilterFn<unknown> = (row, columnId, matcher: SearchMatcher) => {
  if (matcher.kind === "none") return true;
  const values = cellStrings(row, columnId);
  if (matcher.kind === "text") return values.some((v) => v.toLowerCase().includes(matcher.needle));
  return values.some((v) => matcher.values.has(v.toLowerCase()));
};
globalSearchFilter.resolveFilterValue = (value: unknown) => parseSearch(String(value ?? ""));
globalSearchFilter.autoRemove = (value: unknown) => !value || String(value).trim() === "";

/**
 * The search on the kit's hidden search column, whose value is every searchable value of the row,
 * already lower-cased (see searchColumn): the per-keystroke work is only the comparison.
 */
export const searchKeyFilter: FilterFn<unknown> = (row, columnId, matcher: SearchMatcher) => {
  if (matcher.kind === "none") return true;
  const values = row.getValue<string[]>(columnId);
  if (matcher.kind === "text") {
    for (const v of values) if (v.includes(matcher.needle)) return true;
    return false;
  }
  for (const v of values) if (matcher.values.has(v)) return true;
  return false;
};
searchKeyFilter.resolveFilterValue = globalSearchFilter.resolveFilterValue;
searchKeyFilter.autoRemove = globalSearchFilter.autoRemove;
