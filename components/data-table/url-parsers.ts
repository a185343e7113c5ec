import { createMultiParser, createParser, parseAsString } from "nuqs";
import { z } from "zod";
import { isCalendarDay } from "@/lib/browser/format/dates";

/*
 * How a table's view is written in the query string, one nuqs parser per key, so a copied link
 * reproduces the view:
 *
 *   ?q=ann&role=admin&role=owner&created=2024-01-01..2024-06-30&sort=-created_at,email&hide=domain
 *
 * Every parser refuses what the table cannot use (the key then reads as absent: a stale link opens
 * the table, just without that part). Keys the table does not know are never read.
 */

export type UrlFilterKind = "multi" | "dateRange" | "text";

export interface UrlFilterSpec {
  columnId: string;
  /** The query-string key (without the namespace). */
  key: string;
  kind: UrlFilterKind;
}

export interface TableUrlSpec {
  /** A key prefix like "m." when two tables share a page. */
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

export type SortItem = { id: string; desc: boolean };

/** Longer searches (a pasted list of thousands of ids) stay out of the link: servers refuse huge URLs. */
export const MAX_URL_SEARCH_LENGTH = 8000;
const MAX_VALUES = 500;
const MAX_VALUE_LENGTH = 256;
const MAX_SORT_KEYS = 3;
const MAX_TEXT_FILTER_LENGTH = 1000;

/** The search box: any text up to the link's limit. */
export const searchParser = createParser({
  parse: (raw: string) => (raw.length <= MAX_URL_SEARCH_LENGTH ? raw : null),
  serialize: (value: string) => value,
});

/** A facet's values as repeated keys (`role=admin&role=owner`), so values may hold commas. */
export const multiValueParser = createMultiParser({
  parse: (raw: readonly string[]) => {
    const values = [...new Set(raw.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= MAX_VALUE_LENGTH))].slice(0, MAX_VALUES);
    return values.length ? values : null;
  },
  serialize: (values: string[]) => values,
  eq: (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]),
});

const dayOrEmpty = z.string().refine((d) => d === "" || isCalendarDay(d));
const dateRangeSchema = z.string().transform((raw, ctx): DateRangeValue => {
  const [from = "", to = "", ...rest] = raw.split("..");
  if (rest.length || !raw.includes("..") || !dayOrEmpty.safeParse(from).success || !dayOrEmpty.safeParse(to).success || (!from && !to)) {
    ctx.addIssue({ code: "custom", message: "not a date range" });
    return z.NEVER;
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
});

/** `from..to` with either end open (`2024-01-01..`); days that do not exist are refused. */
export const dateRangeParser = createParser<DateRangeValue>({
  parse: (raw) => {
    const parsed = dateRangeSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  },
  serialize: (value) => `${value.from ?? ""}..${value.to ?? ""}`,
  eq: (a, b) => a.from === b.from && a.to === b.to,
});

/** A column's "contains" text. */
export const textFilterParser = createParser({
  parse: (raw: string) => (raw !== "" && raw.length <= MAX_TEXT_FILTER_LENGTH ? raw : null),
  serialize: (value: string) => value,
});

/** `sort=-created_at,email`: up to three sortable columns, "-" for descending. */
export function sortParser(sortable: readonly string[]) {
  return createParser<SortItem[]>({
    parse: (raw) => {
      const out: SortItem[] = [];
      for (const token of raw.split(",")) {
        const desc = token.startsWith("-");
        const id = desc ? token.slice(1) : token;
        if (sortable.includes(id) && !out.some((s) => s.id === id)) out.push({ id, desc });
      }
      return out.length ? out.slice(0, MAX_SORT_KEYS) : null;
    },
    serialize: (value) => value.map((s) => (s.desc ? `-${s.id}` : s.id)).join(","),
    eq: (a, b) => a.length === b.length && a.every((s, i) => s.id === b[i]!.id && s.desc === b[i]!.desc),
  });
}

/** `hide=domain,id`; `hide=` means "nothing hidden", which differs from no key ("the default columns"). */
export function hiddenColumnsParser(hideable: readonly string[]) {
  return createParser<string[]>({
    parse: (raw) => [...new Set(raw.split(",").filter((id) => hideable.includes(id)))],
    serialize: (value) => value.join(","),
    eq: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  });
}

function filterParser(kind: UrlFilterKind) {
  return kind === "multi" ? multiValueParser : kind === "dateRange" ? dateRangeParser : textFilterParser;
}

/** The query-string keys a table owns. */
export function tableUrlKeys(spec: TableUrlSpec) {
  const ns = spec.namespace ?? "";
  return {
    search: `${ns}q`,
    sort: `${ns}sort`,
    hide: `${ns}hide`,
    filter: (f: UrlFilterSpec) => ns + f.key,
  };
}

/**
 * The parsers for a table's sort, hidden columns and filters, keyed by their query-string keys
 * (for `useQueryStates`). The search has its own key and hook: typing must not re-read the rest.
 */
export function tableViewParsers(spec: TableUrlSpec) {
  const keys = tableUrlKeys(spec);
  const parsers: Record<string, ReturnType<typeof filterParser> | ReturnType<typeof sortParser> | ReturnType<typeof hiddenColumnsParser>> = {
    [keys.sort]: sortParser(spec.sortable),
    [keys.hide]: hiddenColumnsParser(spec.hideable),
  };
  for (const f of spec.filters) parsers[keys.filter(f)] = filterParser(f.kind);
  return parsers;
}

/**
 * A page's own key (a selected tab, a toggle, an open detail) for `useQueryState`: "" when absent,
 * and setting "" removes it. A change pushes, so Back returns to the previous tab.
 */
export const pageParam = parseAsString.withDefault("").withOptions({ history: "push", scroll: false });
