import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { isAbortError, toApiError, type ApiError } from "./api-error";
import { useWalkSnapshot } from "./walk-progress";
import type { WalkQueryOptions } from "./walk-query";

/*
 * A whole list in a component, with its progress. The status never calls a partial list complete:
 *   loading   no page yet
 *   partial   some pages in, more coming ("3,000 of ? loaded")
 *   complete  the API said there is nothing more
 *   cancelled the officer stopped it (resume() continues from the last page)
 *   error     a page failed (retry() continues from the last good page); rows holds what came
 *   idle      not enabled yet
 */

export type WalkStatus = "idle" | "loading" | "partial" | "complete" | "cancelled" | "error";

export interface Walk<T> {
  status: WalkStatus;
  /** Every row when complete; the rows so far otherwise (never to be presented as all). */
  rows: T[];
  /** Rows loaded so far (during a refresh: of the refresh). */
  loaded: number;
  pages: number;
  error: ApiError | null;
  /** A complete list is being fetched again; `rows` stay the previous complete list meanwhile. */
  refreshing: boolean;
  /** epoch ms the complete list arrived; 0 before. */
  updatedAt: number;
  cancel: () => void;
  /** Continue after a cancel or an error, from the last page that arrived. */
  resume: () => void;
}

const NO_ROWS: never[] = [];

export function useWalk<T>(options: WalkQueryOptions<T>, { enabled = true }: { enabled?: boolean } = {}): Walk<T> {
  const queryClient = useQueryClient();
  const query = useQuery({ ...options, enabled });
  const hash = hashKey(options.queryKey);
  const snapshot = useWalkSnapshot(hash);
  const partialRows = useMemo(() => (snapshot ? (snapshot.state.pages.flat() as T[]) : NO_ROWS), [snapshot]);

  const { queryKey } = options;
  const cancel = useCallback(() => {
    void queryClient.cancelQueries({ queryKey, exact: true });
  }, [queryClient, queryKey]);
  const { refetch } = query;
  const resume = useCallback(() => {
    void refetch();
  }, [refetch]);

  const error = query.error && !isAbortError(query.error) ? toApiError(query.error) : null;
  const base = { error, cancel, resume };

  if (query.data) {
    return {
      ...base,
      status: "complete",
      rows: query.data.rows,
      loaded: query.isFetching && snapshot ? snapshot.state.rows : query.data.rows.length,
      pages: query.data.pages,
      refreshing: query.isFetching,
      updatedAt: query.dataUpdatedAt,
    };
  }
  const pages = snapshot?.state.pages.length ?? 0;
  const loaded = snapshot?.state.rows ?? 0;
  const partial = { ...base, rows: partialRows, loaded, pages, refreshing: false, updatedAt: 0 };
  if (query.isFetching) return { ...partial, status: pages > 0 ? "partial" : "loading" };
  if (error) return { ...partial, status: "error" };
  if (!enabled) return { ...partial, status: "idle" };
  return { ...partial, status: "cancelled" };
}
