import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";
import { WALK_STALE_MS } from "@/lib/browser/query/walk-query";
import { PRIVILEGED_WINDOW, privilegedQueryAnswerSchema, privilegedQueryParams, privilegedViewParams, type PrivilegedQueryAnswer, type PrivilegedQueryInput, type PrivilegedView } from "@/lib/shared/privileged/query-wire";

/*
 * The privileged report as the server answers it (GET /api/directory/privileged/query): a report
 * (as_of, since), a view of it (search, filters, sort) and a window of its rows. As People's
 * (components/people/people-query.ts): no debounce, the previous answer stays on screen until the
 * new one arrives, and TanStack Query aborts a request no key needs any more.
 */

export const PRIVILEGED_QUERY_PATH = "/api/directory/privileged/query";

/** Which report: the sync shown (`as_of`) and the one compared with (`since`). */
export type ReportPair = { asOf: string | null; since: string | null };

/** A report's and view's query string, without window. */
export function privilegedViewQuery(pair: ReportPair, view: PrivilegedView): URLSearchParams {
  const p = privilegedViewParams(view);
  if (pair.asOf) p.set("as_of", pair.asOf);
  if (pair.since) p.set("since", pair.since);
  return p;
}

export function fetchPrivileged(pair: ReportPair, input: PrivilegedQueryInput, signal?: AbortSignal): Promise<PrivilegedQueryAnswer> {
  const p = privilegedQueryParams(input);
  for (const [k, v] of privilegedViewQuery(pair, {})) p.set(k, v);
  return fetchJson(`${PRIVILEGED_QUERY_PATH}?${p}`, privilegedQueryAnswerSchema, { signal });
}

/**
 * One window of a view's matching rows, with the report's counts. The first window of a view
 * carries the facets' counts too; a window scrolled to asks for none (the page reads them from the
 * first, which stays in the cache).
 */
export const privilegedWindowQuery = (pair: ReportPair, view: PrivilegedView, offset: number) =>
  queryOptions({
    queryKey: directoryKeys.privilegedQuery(pair.asOf, pair.since, privilegedViewParams(view).toString(), offset),
    queryFn: ({ signal }) => fetchPrivileged(pair, { ...view, offset, limit: PRIVILEGED_WINDOW, facets: offset === 0 }, signal),
    placeholderData: keepPreviousData,
    staleTime: WALK_STALE_MS,
    gcTime: 60_000,
    retry: false,
  });
