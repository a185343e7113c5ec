import { keepPreviousData, queryOptions, replaceEqualDeep, type PlaceholderDataFunction } from "@tanstack/react-query";
import { afterNextPaint } from "@/lib/browser/query/after-paint";
import { AS_OF_PARAM, viewAsOf } from "@/lib/browser/query/as-of";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchJson, postJson } from "@/lib/browser/query/request";
import { WALK_GC_MS, WALK_STALE_MS } from "@/lib/browser/query/walk-query";
import { narrowPeopleWindow, type NarrowedWindow } from "@/lib/shared/directory/people-narrow";
import { PEOPLE_WINDOW, peopleQueryAnswerSchema, peopleQueryFromParams, peopleQueryParams, type PeopleQuery, type PeopleQueryAnswer, type PeopleQueryInput } from "@/lib/shared/directory/people-query-wire";

/*
 * People as the server answers it (GET /api/directory/people/query): a view (search, filters,
 * sort) and a window of its rows. Typing changes the key at once (no debounce: the answer is a
 * few milliseconds of server work); until the new answer arrives the screen shows the previous
 * one narrowed to the new view when it can be (people-narrow.ts), else the previous one as it was,
 * and a request no key needs any more is aborted by TanStack Query (it owns the signal). The
 * request leaves after that narrowing is painted (after-paint.ts).
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

/** Views by key, read once (a keystroke reads two). */
const views = new Map<string, PeopleQuery | null>();

/** A view as its key names it (defaults filled in), or null for a key that is not one. */
function viewOfKey(viewKey: unknown): PeopleQuery | null {
  if (typeof viewKey !== "string") return null;
  let view = views.get(viewKey);
  if (view === undefined) {
    const parsed = peopleQueryFromParams(new URLSearchParams(viewKey));
    view = parsed.ok ? parsed.query : null;
    if (views.size >= 200) views.clear();
    views.set(viewKey, view);
  }
  return view;
}

/** Placeholders narrowed in the tab, and whether they hold every match (people-narrow.ts). */
const narrowed = new WeakMap<PeopleQueryAnswer, NarrowedWindow>();

/** The answer on screen is the tab's narrowing of an earlier one while the server answers: its rows are right, its count may be short. */
export const narrowedWindowOf = (answer: PeopleQueryAnswer | undefined): NarrowedWindow | undefined => (answer ? narrowed.get(answer) : undefined);

/**
 * A window's structural sharing: TanStack's default (replaceEqualDeep) except for a narrowed
 * placeholder, kept as it is. The default shares a new value with the one on screen, and for a
 * placeholder that differs from it (fewer rows, another count) that means a copy: the copy is not
 * the object narrowedWindowOf knows, so while the server answered, the counts said "120 of 151,385
 * people" as if final instead of "Counting…". Nor is there anything to share: the narrowed rows
 * are already the shown answer's own objects, and walking them cost a tab's first keystroke about
 * 2 ms.
 */
function shareWindow(previous: unknown, next: unknown): unknown {
  return typeof next === "object" && next !== null && narrowed.has(next as PeopleQueryAnswer) ? next : replaceEqualDeep(previous, next);
}

type PeopleWindowKey = ReturnType<typeof directoryKeys.peopleQuery>;
type PlaceholderWindow = PlaceholderDataFunction<PeopleQueryAnswer, Error, PeopleQueryAnswer, PeopleWindowKey>;

/**
 * The placeholder of each first window, one function per key: TanStack Query reuses a placeholder
 * only while the option is the same function, and the page builds its options on every render, so
 * a fresh function narrowed the previous window again on each render until the answer came.
 */
const placeholders = new Map<string, PlaceholderWindow>();

/**
 * While a view's first window is asked for: the previous view's window narrowed to this view when
 * this view only narrows it (a letter typed, a facet value chosen), so the rows follow the key in
 * the same frame; otherwise the previous rows, as they were, until the answer. A scrolled window
 * keeps the previous rows.
 */
function placeholderWindow(here: PeopleWindowKey): PlaceholderWindow {
  if (here[3] !== 0) return keepPreviousData;
  const id = JSON.stringify(here);
  let placeholder = placeholders.get(id);
  if (!placeholder) {
    placeholder = (previous, previousQuery) => {
      if (!previous || !previousQuery) return keepPreviousData(previous);
      const key = previousQuery.queryKey;
      // The same as_of (the key's tail) and a window from the top.
      if (key.length !== here.length || JSON.stringify(key.slice(4)) !== JSON.stringify(here.slice(4)) || key[3] !== 0) return keepPreviousData(previous);
      const before = viewOfKey(key[2]);
      const next = viewOfKey(here[2]);
      const window = before && next ? narrowPeopleWindow({ view: before, answer: previous }, next) : undefined;
      if (!window) return keepPreviousData(previous);
      narrowed.set(window.answer, window);
      return window.answer;
    };
    if (placeholders.size >= 200) placeholders.clear();
    placeholders.set(id, placeholder);
  }
  return placeholder;
}

/**
 * One window of a view's matching people, with the counts. While a facet panel is open (`facets`)
 * the first window of a view carries the facets' counts too (one request a click beats two taking
 * turns on the server); otherwise none does: counting every facet is most of a broad search's
 * server work, and no one sees the counts with every panel closed.
 */
export const peopleWindowQuery = (view: PeopleQueryInput, offset: number, facets = false) => {
  const queryKey = directoryKeys.peopleQuery(peopleViewKey(view), offset);
  return queryOptions<PeopleQueryAnswer, Error, PeopleQueryAnswer, PeopleWindowKey>({
    queryKey,
    queryFn: async ({ signal }) => {
      // A first window has rows to paint before its answer (the placeholder): ask after that
      // paint. A scrolled window has none, so it asks at once.
      if (offset === 0) {
        await afterNextPaint();
        signal.throwIfAborted();
      }
      return fetchPeople({ ...view, offset, limit: PEOPLE_WINDOW, facets: facets && offset === 0 }, signal);
    },
    placeholderData: placeholderWindow(queryKey),
    structuralSharing: shareWindow,
    staleTime: WALK_STALE_MS,
    gcTime: 60_000,
    retry: false,
  });
};

/**
 * The facets' counts of a view (each facet counted over the other filters), asked while a facet
 * panel is open: read from the view's first window (the same request, shared while it runs); asked
 * on their own when that window came without them (read while every panel was closed, or a first
 * screen sent with the page) or failed.
 */
export const peopleFacetsQuery = (view: PeopleQueryInput) =>
  queryOptions({
    queryKey: directoryKeys.peopleFacets(peopleViewKey(view)),
    queryFn: async ({ client, signal }) => {
      const first = await client.fetchQuery(peopleWindowQuery(view, 0, true)).catch(() => undefined);
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
