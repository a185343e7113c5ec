import type { ColumnFiltersState, SortingState } from "@tanstack/react-table";
import { debounce, useQueryState, useQueryStates, type Options } from "nuqs";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { MAX_URL_SEARCH_LENGTH, searchParser, tableUrlKeys, tableViewParsers, type DateRangeValue, type SortItem, type TableUrlSpec } from "./url-parsers";

/*
 * A table's view read from and written to the URL through nuqs: the URL is the one copy. nuqs
 * hands the new value to every reader in the same render the setter runs in and writes the URL a
 * moment later; Back, Forward and a pasted link reach every reader the same way. Nothing here
 * keeps a copy of its own that could disagree with the address bar (the one exception, a search
 * too long for a link, is explained at `overflow`).
 *
 * History: a filter, a sort or a column change pushes (Back undoes it). The first edit of the
 * search box pushes and the edits after it replace that entry, until the officer leaves the box or
 * moves through history: Back undoes a search, not a letter. (Counting by focus, not by time, so
 * a slow machine does not split one search into several entries.)
 *
 * The search reaches every reader at once, and the address bar once typing pauses
 * (SEARCH_URL_PAUSE_MS): writing the URL costs the tab about 10 ms of history and router work,
 * which at every keystroke landed between the key and its rows' frame. Edits push until one of
 * them has reached the URL, so the entry the first edit makes is never lost to a later "replace".
 */

const PUSH: Options = { history: "push", scroll: false };
const REPLACE: Options = { history: "replace", scroll: false };
const searchParam = searchParser.withOptions(REPLACE);
const SEARCH_URL_PAUSE_MS = 300;
const SEARCH_WRITE = { limitUrlUpdates: debounce(SEARCH_URL_PAUSE_MS) };

type ViewValues = Record<string, unknown>;

/** Equal values keep their identity across renders, so TanStack does not filter 50,000 rows again for nothing. */
function useStable<T>(value: T): T {
  const key = JSON.stringify(value);
  return useMemo(() => JSON.parse(key) as T, [key]);
}

function isEmptyFilter(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return !(value as DateRangeValue).from && !(value as DateRangeValue).to;
  return false;
}

/** `spec` must be stable (memoized). */
export function useTableUrlState(spec: TableUrlSpec) {
  const keys = useMemo(() => tableUrlKeys(spec), [spec]);
  const parsers = useMemo(() => tableViewParsers(spec), [spec]);
  const [values, setValues] = useQueryStates(parsers, PUSH);
  const [urlSearch, setUrlSearch] = useQueryState(keys.search, searchParam);

  const filtersFrom = useCallback(
    (v: ViewValues): ColumnFiltersState =>
      spec.filters.flatMap((f) => {
        const value = v[keys.filter(f)];
        return isEmptyFilter(value) ? [] : [{ id: f.columnId, value }];
      }),
    [spec, keys],
  );

  const filters = useStable(filtersFrom(values));
  const sorting = useStable((values[keys.sort] as SortItem[] | null) ?? []);
  const hidden = useStable((values[keys.hide] as string[] | null) ?? null);

  const setFilters = useCallback(
    (change: (current: ColumnFiltersState) => ColumnFiltersState) =>
      setValues((old) => {
        const next = change(filtersFrom(old));
        const patch: ViewValues = {};
        for (const f of spec.filters) {
          const value = next.find((x) => x.id === f.columnId)?.value;
          patch[keys.filter(f)] = isEmptyFilter(value) ? null : value;
        }
        return patch as never;
      }),
    [setValues, filtersFrom, spec, keys],
  );

  const setSorting = useCallback(
    (change: (current: SortingState) => SortingState) =>
      setValues((old) => {
        const next = change((old[keys.sort] as SortItem[] | null) ?? []).filter((s) => spec.sortable.includes(s.id));
        return { [keys.sort]: next.length ? next.map(({ id, desc }) => ({ id, desc })) : null } as never;
      }),
    [setValues, spec, keys],
  );

  const setHidden = useCallback(
    (change: (current: string[] | null) => string[] | null) =>
      setValues((old) => {
        const next = change((old[keys.hide] as string[] | null) ?? null);
        return { [keys.hide]: next === null ? null : next.filter((id) => spec.hideable.includes(id)) } as never;
      }),
    [setValues, spec, keys],
  );

  /*
   * A search longer than a link can hold (a pasted list of thousands of ids) is shown and applied
   * but not written: the URL drops its `q`, and any navigation of this page's history (Back,
   * Forward) ends it, so the box never shows a search the URL's history does not know about.
   */
  const [overflow, setOverflow] = useState<string | null>(null);
  const typing = useRef(false);
  // Bumped when a search ends (focus left, history moved, reset): a write of the old one landing late does not start "typing" again.
  const searchRun = useRef(0);
  useEffect(() => {
    const navigated = () => {
      typing.current = false;
      searchRun.current++;
      setOverflow(null);
    };
    window.addEventListener("popstate", navigated);
    return () => window.removeEventListener("popstate", navigated);
  }, []);

  const setSearch = useCallback(
    (text: string) => {
      const options = typing.current ? REPLACE : PUSH;
      const run = searchRun.current;
      const fits = text.length <= MAX_URL_SEARCH_LENGTH;
      setOverflow(fits ? null : text);
      void setUrlSearch(fits && text !== "" ? text : null, { ...options, ...SEARCH_WRITE }).then(() => {
        if (searchRun.current === run) typing.current = true;
      });
    },
    [setUrlSearch],
  );
  /** The officer left the search box: the next edit is a new search, with its own history entry. */
  const endTyping = useCallback(() => {
    typing.current = false;
    searchRun.current++;
  }, []);

  const reset = useCallback(() => {
    typing.current = false;
    searchRun.current++;
    setOverflow(null);
    void setUrlSearch(null, PUSH);
    setFilters(() => []);
  }, [setUrlSearch, setFilters]);

  const search = overflow ?? urlSearch ?? "";
  return { search, filters, sorting, hidden, setSearch, endTyping, setFilters, setSorting, setHidden, reset };
}
