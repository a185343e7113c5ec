import { z } from "zod";
import { isCalendarDay } from "@/lib/format/dates";

/*
 * A table's view (search, filters, sort, hidden columns) as query-string keys, so a copied link
 * reproduces the view and Back returns to the last one. Parsed once, with zod, against the table's
 * own spec: keys the table does not know are ignored, values it cannot use are dropped (a stale
 * link opens the table, just without that part).
 *
 *   ?q=ann&role=admin&role=owner&created=2024-01-01..2024-06-30&sort=-created_at&hide=domain
 *
 * Several tables on one page each take a `namespace` (a key prefix like "m.").
 */

export type UrlFilterKind = "multi" | "dateRange" | "text";

export interface UrlFilterSpec {
  columnId: string;
  /** The query-string key; defaults to the column id. */
  key: string;
  kind: UrlFilterKind;
}

export interface TableUrlSpec {
  namespace?: string;
  filters: UrlFilterSpec[];
  /** Column ids that may be sorted on. */
  sortable: string[];
  /** Column ids that may be hidden. */
  hideable: string[];
}

export interface DateRangeValue {
  /** "YYYY-MM-DD", the officer's calendar day, inclusive. */
  from?: string;
  to?: string;
}

export type FilterValue = string[] | DateRangeValue | string;

export interface TableUrlState {
  search: string;
  sorting: { id: string; desc: boolean }[];
  filters: { id: string; value: FilterValue }[];
  /** null: the table's default visibility. */
  hidden: string[] | null;
}

export const EMPTY_TABLE_URL_STATE: TableUrlState = { search: "", sorting: [], filters: [], hidden: null };

/** Longer searches (a pasted list of thousands of ids) stay out of the link: servers refuse huge URLs. */
export const MAX_URL_SEARCH_LENGTH = 8000;
const MAX_VALUES = 500;
const MAX_VALUE_LENGTH = 256;
const MAX_SORT_KEYS = 3;

const searchSchema = z.string().max(MAX_URL_SEARCH_LENGTH).catch("");

const multiSchema = z
  .array(z.string())
  .transform((values) => [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= MAX_VALUE_LENGTH))].slice(0, MAX_VALUES));

const dayOrEmpty = z.string().refine((d) => d === "" || isCalendarDay(d));
const dateRangeSchema = z
  .string()
  .transform((raw, ctx) => {
    const [from = "", to = "", ...rest] = raw.split("..");
    if (rest.length || !raw.includes("..") || !dayOrEmpty.safeParse(from).success || !dayOrEmpty.safeParse(to).success || (!from && !to)) {
      ctx.addIssue({ code: "custom", message: "not a date range" });
      return z.NEVER;
    }
    const value: DateRangeValue = {};
    if (from) value.from = from;
    if (to) value.to = to;
    return value;
  });

const textSchema = z.string().max(1000);

function sortSchema(sortable: readonly string[]) {
  return z.string().transform((raw) => {
    const out: { id: string; desc: boolean }[] = [];
    for (const token of raw.split(",")) {
      const desc = token.startsWith("-");
      const id = desc ? token.slice(1) : token;
      if (sortable.includes(id) && !out.some((s) => s.id === id)) out.push({ id, desc });
    }
    return out.slice(0, MAX_SORT_KEYS);
  });
}

function hiddenSchema(hideable: readonly string[]) {
  return z.string().transform((raw) => [...new Set(raw.split(",").filter((id) => hideable.includes(id)))]);
}

export function parseTableUrlState(params: URLSearchParams, spec: TableUrlSpec): TableUrlState {
  const ns = spec.namespace ?? "";
  const one = (key: string) => params.get(ns + key);

  const search = one("q");
  const sort = one("sort");
  const hide = one("hide");

  const filters: TableUrlState["filters"] = [];
  for (const f of spec.filters) {
    const key = ns + f.key;
    if (!params.has(key)) continue;
    const parsed =
      f.kind === "multi"
        ? multiSchema.safeParse(params.getAll(key))
        : f.kind === "dateRange"
          ? dateRangeSchema.safeParse(params.get(key))
          : textSchema.safeParse(params.get(key));
    if (!parsed.success) continue;
    const value = parsed.data;
    if ((Array.isArray(value) && value.length === 0) || value === "") continue;
    filters.push({ id: f.columnId, value });
  }

  return {
    search: search === null ? "" : searchSchema.parse(search),
    sorting: sort === null ? [] : sortSchema(spec.sortable).parse(sort),
    filters,
    hidden: hide === null ? null : hiddenSchema(spec.hideable).parse(hide),
  };
}

/**
 * `base` with the table's keys replaced by `state`; keys the table does not own (another table's,
 * a page tab) are kept as they are.
 */
export function writeTableUrlState(state: TableUrlState, spec: TableUrlSpec, base: URLSearchParams): URLSearchParams {
  const ns = spec.namespace ?? "";
  const out = new URLSearchParams(base);
  const owned = ["q", "sort", "hide", ...spec.filters.map((f) => f.key)];
  for (const key of owned) out.delete(ns + key);

  const search = state.search.trim() ? state.search : "";
  if (search && search.length <= MAX_URL_SEARCH_LENGTH) out.set(ns + "q", search);

  for (const f of spec.filters) {
    const value = state.filters.find((x) => x.id === f.columnId)?.value;
    if (value === undefined) continue;
    if (f.kind === "multi" && Array.isArray(value)) {
      for (const v of value) out.append(ns + f.key, v);
    } else if (f.kind === "dateRange" && typeof value === "object" && !Array.isArray(value)) {
      if (value.from || value.to) out.set(ns + f.key, `${value.from ?? ""}..${value.to ?? ""}`);
    } else if (f.kind === "text" && typeof value === "string" && value) {
      out.set(ns + f.key, value);
    }
  }

  const sortable = state.sorting.filter((s) => spec.sortable.includes(s.id));
  if (sortable.length) out.set(ns + "sort", sortable.map((s) => (s.desc ? `-${s.id}` : s.id)).join(","));

  if (state.hidden !== null) out.set(ns + "hide", state.hidden.filter((id) => spec.hideable.includes(id)).join(","));
  return out;
}
