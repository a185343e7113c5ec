import type { ColumnFiltersState } from "@tanstack/react-table";
import { useCallback, useState } from "react";

/*
 * The page's side of a table answered by the server (server-rows.ts): the view's column filters as
 * the query's facet parameters, the answer's facet counts as the kit reads them, and which window
 * of rows to ask for as the table scrolls.
 */

/** The facet parameters of a view's column filters; `facetColumns` maps each parameter to its column id. */
export function facetFiltersOf<K extends string>(filters: ColumnFiltersState, facetColumns: Readonly<Record<K, string>>): Partial<Record<K, string[]>> {
  const out: Partial<Record<K, string[]>> = {};
  for (const key of Object.keys(facetColumns) as K[]) {
    const f = filters.find((x) => x.id === facetColumns[key]);
    if (f && Array.isArray(f.value)) out[key] = f.value.map(String);
  }
  return out;
}

/** An answer's facet counts (per parameter, [value, rows]) keyed by column id, as ServerRows.facets. */
export function facetCountsOf<K extends string>(facets: Partial<Record<string, [string, number][]>> | undefined, facetColumns: Readonly<Record<K, string>>): ReadonlyMap<string, ReadonlyMap<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const key of Object.keys(facetColumns) as K[]) out.set(facetColumns[key], new Map(facets?.[key] ?? []));
  return out;
}

/**
 * The offset of the window holding the rows in view, for this view only (a new search starts at
 * the top). The window starts 20 to 60 rows above the first row shown, in steps of a third of a
 * window, so it covers the rows in view with the overscan and scrolling asks seldom.
 */
export function useServerWindow(viewKey: string, windowSize: number): { offset: number; onRange: (first: number) => void } {
  const [range, setRange] = useState({ viewKey, offset: 0 });
  const step = windowSize / 3;
  const onRange = useCallback(
    (first: number) => {
      const start = Math.floor(Math.max(0, first - 20) / step) * step;
      setRange((r) => (r.viewKey === viewKey && r.offset === start ? r : { viewKey, offset: start }));
    },
    [viewKey, step],
  );
  return { offset: range.viewKey === viewKey ? range.offset : 0, onRange };
}

/**
 * Whether the rows on screen are an earlier view's: a placeholder kept while this view's answer
 * comes (TanStack Query's keepPreviousData), so their count is not this view's either. A scrolled
 * window of the same view is not earlier: its counts hold. `result` is the window query's.
 */
export function useShowsEarlierView(viewKey: string, result: { data?: unknown; isPlaceholderData: boolean }): boolean {
  // The view whose answer was last on screen, kept as React's "information from previous renders".
  const [answered, setAnswered] = useState(viewKey);
  if (result.data !== undefined && !result.isPlaceholderData && answered !== viewKey) setAnswered(viewKey);
  return result.isPlaceholderData && answered !== viewKey;
}
