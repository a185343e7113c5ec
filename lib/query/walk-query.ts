import { hashKey, isServer, queryOptions, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { pageSchema } from "@/lib/compliance/schemas";
import { MAX_LIMIT } from "@/lib/compliance/ids";
import { isApiError } from "./api-error";
import { fetchJson, type QueryParams } from "./fetch-json";
import { takeFreshFlag } from "./refresh";
import { walkPages, type WalkState } from "./walk-pages";
import { walkProgress } from "./walk-progress";

/*
 * A whole paginated list as one TanStack query: its data is every row, and it only resolves when
 * the API said there is nothing more, so a query's data is never a partial list. Progress while it
 * runs is in walkProgress (see useWalk).
 */

export interface WalkResult<T> {
  rows: T[];
  pages: number;
  duplicates: number;
}

/** How long a walked list counts as fresh: long walks are expensive (one rate budget for all). */
export const WALK_STALE_MS = 5 * 60_000;
// Infinity on the server: a gc timer there keeps each render's query client, and its request, alive
// for the whole time (lib/query/query-client.ts).
export const WALK_GC_MS = isServer ? Infinity : 30 * 60_000;
/** A partial walk older than this starts over: page tokens may have expired upstream. */
const RESUME_MAX_AGE_MS = 10 * 60_000;

let nextRunId = 1;

export interface WalkSpec<S extends z.ZodType> {
  queryKey: QueryKey;
  /** The app route, e.g. `/api/directory/organizations/<uuid>/users`. */
  path: string;
  item: S;
  /** Extra documented query parameters (`name_prefix` on groups). */
  params?: QueryParams;
  /** A record that comes back on a later page stops the walk (rows may be missing). */
  idOf?: (row: z.output<S>) => string;
  /**
   * Page size sent upstream; `null` sends none. Organizations: the default is already the maximum,
   * and the older unpaginated form refuses any parameter (API.md), as the server's walker knows.
   */
  limit?: number | null;
}

export async function runWalk<S extends z.ZodType>(spec: WalkSpec<S>, queryHash: string, signal: AbortSignal): Promise<WalkResult<z.output<S>>> {
  type T = z.output<S>;
  const schema = pageSchema(spec.item);
  const fresh = takeFreshFlag(queryHash);
  const runId = nextRunId++;

  const prior = walkProgress.get(queryHash);
  let resume =
    prior && prior.phase !== "running" && Date.now() - prior.updatedAt < RESUME_MAX_AGE_MS && !fresh
      ? (prior.state as WalkState<T>)
      : undefined;

  const fetchPage = async (page: string | undefined, s?: AbortSignal) => {
    const body = await fetchJson(spec.path, schema, { signal: s, fresh, query: { ...spec.params, limit: spec.limit === null ? undefined : (spec.limit ?? MAX_LIMIT), page } });
    return body as { data: T[]; has_more?: boolean; next_page?: string | null };
  };

  const publish = (state: WalkState<T>, phase: "running" | "stopped" | "failed") =>
    walkProgress.set(queryHash, { state: state as WalkState<unknown>, phase, updatedAt: Date.now(), runId });

  let last: WalkState<T> | undefined = resume;
  // Claim the entry for this run before the first page arrives.
  walkProgress.set(queryHash, {
    state: (resume ?? { pages: [], nextPage: null, seenTokens: [], rows: 0, duplicates: 0, done: false }) as WalkState<unknown>,
    phase: "running",
    updatedAt: Date.now(),
    runId,
  });

  for (let attempt = 0; ; attempt++) {
    try {
      const state = await walkPages<T>(fetchPage, {
        signal,
        resume,
        idOf: spec.idOf,
        onPage: (s) => {
          last = s;
          if (!s.done) publish(s, "running");
        },
      });
      walkProgress.deleteIfOwner(queryHash, runId);
      return { rows: state.pages.flat(), pages: state.pages.length, duplicates: state.duplicates };
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
export function walkQueryOptions<S extends z.ZodType>(spec: WalkSpec<S>) {
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
