import { hashKey, isServer, queryOptions, type QueryClient, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { startCursor, stepWalk } from "@/lib/shared/compliance/pagination";
import type { Page } from "@/lib/shared/compliance/schemas";
import {
  answerSchemaOf,
  listLabel,
  recordIdOf,
  walkLimit,
  type EndpointRecord,
  type ListEndpoint,
  type ListRequest,
} from "@/lib/shared/compliance/endpoints";
import { isApiError } from "./api-error";
import { fetchJson, type QueryParams } from "./request";
import { takeFreshFlag } from "./refresh";
import { emptyWalkState, walkPages, type WalkState } from "./walk-pages";
import { walkProgress } from "./walk-progress";

/*
 * A whole paginated list as one TanStack query: its data is every row, and it only resolves when
 * the API said there is nothing more, so a query's data is never a partial list. Progress while it
 * runs is in walkProgress (see useWalk).
 */

export interface WalkResult<T> {
  rows: T[];
  pages: number;
}

/** How long a walked list counts as fresh: long walks are expensive (one rate budget for all). */
export const WALK_STALE_MS = 5 * 60_000;
// Infinity on the server: a gc timer there keeps each render's query client, and its request, alive
// for the whole time (lib/browser/query/query-client.ts).
export const WALK_GC_MS = isServer ? Infinity : 30 * 60_000;
/** A partial walk older than this starts over: page tokens may have expired upstream. */
const RESUME_MAX_AGE_MS = 10 * 60_000;

let nextRunId = 1;

export interface WalkSpec<N extends ListEndpoint> {
  queryKey: QueryKey;
  /** Which list (the endpoint table gives its schema, its records' identity and its page size). */
  request: ListRequest<N>;
  /** The app route, e.g. `/api/directory/organizations/<uuid>/users`. */
  path: string;
  /** Parameters of the app route itself (`as_of`). */
  params?: QueryParams;
}

export async function runWalk<N extends ListEndpoint>(spec: WalkSpec<N>, queryHash: string, signal: AbortSignal): Promise<WalkResult<EndpointRecord<N>>> {
  type T = EndpointRecord<N>;
  const { request } = spec;
  const schema = answerSchemaOf(request.endpoint);
  const query = { ...request.query, ...spec.params, limit: walkLimit(request.endpoint) };
  const fresh = takeFreshFlag(queryHash);
  const runId = nextRunId++;

  const prior = walkProgress.get(queryHash);
  let resume =
    prior && prior.phase !== "running" && Date.now() - prior.updatedAt < RESUME_MAX_AGE_MS && !fresh
      ? (prior.state as WalkState<T>)
      : undefined;

  const fetchPage = async (page: string | undefined, s?: AbortSignal) =>
    (await fetchJson(spec.path, schema, { signal: s, fresh, query: { ...query, page } })) as { data: T[]; has_more?: boolean; next_page?: string | null };

  const publish = (state: WalkState<T>, phase: "running" | "stopped" | "failed") =>
    walkProgress.set(queryHash, { state: state as WalkState<unknown>, phase, updatedAt: Date.now(), runId });

  let last: WalkState<T> | undefined = resume;
  // Claim the entry for this run before the first page arrives.
  walkProgress.set(queryHash, {
    state: (resume ?? emptyWalkState<T>()) as WalkState<unknown>,
    phase: "running",
    updatedAt: Date.now(),
    runId,
  });

  for (let attempt = 0; ; attempt++) {
    try {
      const state = await walkPages<T>(fetchPage, {
        signal,
        resume,
        idOf: recordIdOf(request.endpoint) as ((row: T) => string) | undefined,
        label: listLabel(request as ListRequest),
        onPage: (s) => {
          last = s;
          if (!s.done) publish(s, "running");
        },
      });
      walkProgress.deleteIfOwner(queryHash, runId);
      return { rows: state.rowsByPage.flat(), pages: state.pages };
    } catch (e) {
      // A resumed walk whose token the upstream no longer accepts starts over once.
      // So does a walk whose sync was replaced by a newer one between two pages (store-backed routes).
      if (attempt === 0 && isApiError(e) && e.type === "directory_changed") {
        resume = undefined;
        last = undefined;
        continue;
      }
      if (resume && attempt === 0 && isApiError(e) && e.type === "upstream_bad_request" && last === resume) {
        resume = undefined;
        last = undefined;
        continue;
      }
      const current = walkProgress.get(queryHash);
      if (current?.runId === runId) {
        const state = (last ?? current.state) as WalkState<T>;
        walkProgress.setIfOwner(queryHash, { state: state as WalkState<unknown>, phase: signal.aborted ? "stopped" : "failed", updatedAt: Date.now(), runId });
      }
      throw e;
    }
  }
}

/** queryOptions for a whole list, walked page by page at limit=1000. */
export function walkQueryOptions<N extends ListEndpoint>(spec: WalkSpec<N>) {
  return queryOptions({
    queryKey: spec.queryKey,
    queryFn: ({ signal, queryKey }) => runWalk(spec, hashKey(queryKey), signal),
    staleTime: WALK_STALE_MS,
    gcTime: WALK_GC_MS,
    // 50,000 rows: comparing old and new deeply costs more than it saves.
    structuralSharing: false,
    // The server already retried the upstream; a failure here is shown with a Retry that resumes.
    retry: false,
    meta: { walk: true },
  });
}

export type WalkQueryOptions<T> = UseQueryOptions<WalkResult<T>, Error, WalkResult<T>, QueryKey> & { queryKey: QueryKey };

/**
 * A walk's first page as the server already read it (a page's first screen), parsed with the
 * list's schema and stepped as the walk steps every page: the walk goes on from its `next_page`,
 * and its ids count against repeats. Null when it does not read as a page of the list.
 */
export function firstPageSeed<N extends ListEndpoint>(endpoint: N, page: unknown): WalkState<EndpointRecord<N>> | null {
  type T = EndpointRecord<N>;
  const parsed = answerSchemaOf(endpoint).safeParse(page);
  if (!parsed.success) return null;
  const answer = parsed.data as Page<T>;
  const idOf = recordIdOf(endpoint) as ((row: T) => string) | undefined;
  const step = stepWalk(startCursor(), answer, { idOf, ids: idOf ? new Set() : undefined });
  return step.ok ? { ...step.cursor, rowsByPage: [answer.data] } : null;
}

/**
 * Starts the walk behind `queryKey` from a seed, unless the tab already has the list or a walk of
 * it. A list of one page is complete: returned, as the query's initial data. Otherwise the walk's
 * progress holds the page as a stopped walk, and the query resumes from it when it starts
 * (runWalk): page 2 next, nothing read twice. Safe to call while rendering.
 */
export function startFromSeed<T>(queryClient: QueryClient, queryKey: QueryKey, seed: WalkState<T>): WalkResult<T> | undefined {
  const hash = hashKey(queryKey);
  if (queryClient.getQueryData(queryKey) !== undefined || walkProgress.get(hash)) return undefined;
  if (seed.done) return { rows: seed.rowsByPage.flat(), pages: seed.pages };
  walkProgress.seed(hash, { state: seed as WalkState<unknown>, phase: "stopped", updatedAt: Date.now(), runId: 0 });
  return undefined;
}
