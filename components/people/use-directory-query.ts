import { hashKey, useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type ApiError, shownError } from "@/lib/browser/query/api-error";
import type { ProgressLine } from "@/lib/shared/directory/wire";
import { useDirectoryProgress } from "./directory-progress";

/*
 * A directory query as the page shows it. The phase is derived so the server render and the
 * browser's first render agree (both say "loading" until something is known): "cancelled" only
 * after the officer pressed Cancel, never merely because no fetch has started yet.
 */

export type DirectoryPhase = "loading" | "cancelled" | "error" | "ready";

export interface DirectoryQueryState<T> {
  data: T | undefined;
  phase: DirectoryPhase;
  /** A complete answer is shown and a newer one is on its way. */
  refreshing: boolean;
  progress: ProgressLine | undefined;
  error: ApiError | null;
  cancel: () => void;
  retry: () => void;
}

export function useDirectoryQuery<T, K extends QueryKey>(
  options: UseQueryOptions<T, Error, T, K>,
  { enabled = true }: { enabled?: boolean } = {},
): DirectoryQueryState<T> {
  const queryClient = useQueryClient();
  const query = useQuery({ ...options, enabled });
  const progress = useDirectoryProgress(hashKey(options.queryKey));
  const [stopped, setStopped] = useState(false);
  const { queryKey } = options;
  const cancel = useCallback(() => {
    setStopped(true);
    void queryClient.cancelQueries({ queryKey, exact: true });
  }, [queryClient, queryKey]);
  const { refetch } = query;
  const retry = useCallback(() => {
    setStopped(false);
    void refetch();
  }, [refetch]);

  const error = shownError(query.error);
  const phase: DirectoryPhase =
    query.data !== undefined ? "ready" : error && !query.isFetching ? "error" : stopped && !query.isFetching ? "cancelled" : "loading";
  return { data: query.data, phase, refreshing: query.data !== undefined && query.isFetching, progress, error, cancel, retry };
}
