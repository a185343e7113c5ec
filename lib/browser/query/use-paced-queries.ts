import { useQueries, useQueryClient, type QueryKey, type UseQueryOptions, type UseQueryResult } from "@tanstack/react-query";

/*
 * Many queries of one kind (every organization's settings, every group's members), started a few at
 * a time. The server's limiter keeps the upstream rate anyway; pacing in the browser keeps the
 * officer's own clicks from queueing behind dozens of background requests, and lets results
 * arrive progressively in list order. A query already answered (or failed) counts as settled and
 * frees its slot; nothing already in the cache is fetched again.
 */

export interface PacedResult<T> {
  result: UseQueryResult<T, Error>;
  /** Waiting for a free slot: not started yet. */
  queued: boolean;
}

export function usePacedQueries<T>(
  options: readonly (UseQueryOptions<T, Error, T, QueryKey> & { queryKey: QueryKey })[],
  { concurrency = 3, enabled = true }: { concurrency?: number; enabled?: boolean } = {},
): PacedResult<T>[] {
  const queryClient = useQueryClient();
  let slots = enabled ? concurrency : 0;
  const paced = options.map((o) => {
    const state = queryClient.getQueryState(o.queryKey);
    const settled = state !== undefined && (state.data !== undefined || state.status === "error");
    const running = state?.fetchStatus === "fetching";
    if (enabled && settled && !running) return { ...o, enabled: true };
    if (running || slots > 0) {
      slots--;
      return { ...o, enabled: enabled };
    }
    return { ...o, enabled: false };
  });
  const results = useQueries({ queries: paced }) as UseQueryResult<T, Error>[];
  return results.map((result, i) => ({ result, queued: paced[i]!.enabled === false && result.data === undefined && !result.isError }));
}
