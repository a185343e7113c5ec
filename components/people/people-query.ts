import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { AS_OF_PARAM, viewAsOf } from "@/lib/browser/query/as-of";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchJson, postJson } from "@/lib/browser/query/request";
import { WALK_GC_MS, WALK_STALE_MS } from "@/lib/browser/query/walk-query";
import { PEOPLE_WINDOW, peopleQueryAnswerSchema, peopleQueryParams, type PeopleQueryAnswer, type PeopleQueryInput } from "@/lib/shared/directory/people-query-wire";

/*
 * People as the server answers it (GET /api/directory/people/query): a view (search, filters,
 * sort) and a window of its rows. Typing changes the key at once (no debounce: the answer is a
 * few milliseconds of server work); the previous answer stays on screen until the new one arrives,
 * and a request no key needs any more is aborted by TanStack Query (it owns the signal).
 */

export const PEOPLE_QUERY_PATH = "/api/directory/people/query";

/** Longer query strings (a pasted list) go as a POST body: a URL that long is refused by servers. */
const MAX_URL_QUERY = 6_000;

export { PEOPLE_WINDOW } from "@/lib/shared/directory/people-query-wire";

function withAsOf(params: URLSearchParams, asOf: string | null): URLSearchParams {
  if (asOf) params.set(AS_OF_PARAM, asOf);
  return params;
}

export function fetchPeople(input: PeopleQueryInput, signal: AbortSignal | undefined, asOf = viewAsOf()): Promise<PeopleQueryAnswer> {
  const query = withAsOf(peopleQueryParams(input), asOf).toString();
  return query.length <= MAX_URL_QUERY
    ? fetchJson(`${PEOPLE_QUERY_PATH}?${query}`, peopleQueryAnswerSchema, { signal })
    : postJson(PEOPLE_QUERY_PATH, { query }, peopleQueryAnswerSchema, { signal });
}

/** A view's identity in a key: its query string without window or extras. */
export const peopleViewKey = (view: PeopleQueryInput) => peopleQueryParams(view).toString();

/**
 * One window of a view's matching people, with the counts. The first window of a view carries the
 * facets' counts too (the server has them from the same pass, and one request a keystroke beats
 * two taking turns on the server); a window scrolled to asks for none.
 */
export const peopleWindowQuery = (view: PeopleQueryInput, offset: number) =>
  queryOptions({
    queryKey: directoryKeys.peopleQuery(peopleViewKey(view), offset),
    queryFn: ({ signal }) => fetchPeople({ ...view, offset, limit: PEOPLE_WINDOW, facets: offset === 0 }, signal),
    placeholderData: keepPreviousData,
    staleTime: WALK_STALE_MS,
    gcTime: 60_000,
    retry: false,
  });

/**
 * The facets' counts of a view (each facet counted over the other filters): read from the view's
 * first window (the same request, shared while it runs); asked on their own only when that window
 * came without them (a first screen sent with the page) or failed.
 */
export const peopleFacetsQuery = (view: PeopleQueryInput) =>
  queryOptions({
    queryKey: directoryKeys.peopleFacets(peopleViewKey(view)),
    queryFn: async ({ client, signal }) => {
      const first = await client.fetchQuery(peopleWindowQuery(view, 0)).catch(() => undefined);
      return first?.facets ? first : fetchPeople({ ...view, limit: 0, facets: true }, signal);
    },
    placeholderData: keepPreviousData,
    staleTime: WALK_STALE_MS,
    gcTime: 60_000,
    retry: false,
  });

/** The labelled options of the RBAC role, group and action facets: fixed per sync, asked once. */
export const peopleOptionsQuery = () =>
  queryOptions({
    queryKey: directoryKeys.peopleOptions(),
    queryFn: ({ signal }) => fetchPeople({ limit: 0, facets: false, options: true }, signal),
    select: (a) => a.options!,
    staleTime: WALK_STALE_MS,
    gcTime: WALK_GC_MS,
    retry: false,
  });

/** Every id matching a view, in its order, from the sync the page shows (so a download's rows are that sync's). */
export async function matchingPeopleIds(view: PeopleQueryInput, sync: string | undefined): Promise<string[]> {
  const answer = await fetchPeople({ ...view, limit: 0, facets: false, ids: true }, undefined, sync ?? viewAsOf());
  return answer.ids ?? [];
}
