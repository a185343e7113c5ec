import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ApiError, shownError } from "./api-error";
import { useWalkSnapshot, type WalkSnapshot } from "./walk-progress";
import type { WalkState } from "./walk-pages";
import { startFromSeed, type WalkQueryOptions } from "./walk-query";

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

export function useWalk<T>(
  options: WalkQueryOptions<T>,
  { enabled = true, seed }: { enabled?: boolean; /** The first page, read by the server (firstPageSeed): the walk starts from it. */ seed?: WalkState<T> | null } = {},
): Walk<T> {
  const queryClient = useQueryClient();
  // Once, before the query and the progress are first read, so the first render already has the page's rows.
  const [initialData] = useState(() => (seed ? startFromSeed(queryClient, options.queryKey, seed) : undefined));
  const query = useQuery({ ...options, enabled, initialData });
  const hash = hashKey(options.queryKey);
  const snapshot = useWalkSnapshot(hash);
  const shown = useThrottledSnapshot(snapshot);
  const partialRows = useMemo(() => (shown ? (shown.state.rowsByPage.flat() as T[]) : NO_ROWS), [shown]);

  const { queryKey } = options;
  const cancel = useCallback(() => {
    void queryClient.cancelQueries({ queryKey, exact: true });
  }, [queryClient, queryKey]);
  const { refetch } = query;
  const resume = useCallback(() => {
    void refetch();
  }, [refetch]);

  const error = shownError(query.error);
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
  const pages = snapshot?.state.pages ?? 0;
  const loaded = snapshot?.state.rows ?? 0;
  const partial = { ...base, rows: partialRows, loaded, pages, refreshing: false, updatedAt: 0 };
  if (query.isFetching) return { ...partial, status: pages > 0 ? "partial" : "loading" };
  if (error) return { ...partial, status: "error" };
  if (!enabled) return { ...partial, status: "idle" };
  return { ...partial, status: "cancelled" };
}

/**
 * How often the rows of a running walk reach the table. Progress numbers update with every page;
 * the rows do not: each hand-over rebuilds the table's row models, which for tens of thousands of
 * rows costs more than the page took to arrive.
 */
function rowRefreshInterval(rows: number): number {
  if (rows < 5_000) return 0;
  if (rows < 20_000) return 1_000;
  return 3_000;
}

/** The snapshot, passed on at most once per interval while a walk runs; at once when it stops. */
function useThrottledSnapshot(snapshot: WalkSnapshot | undefined): WalkSnapshot | undefined {
  const [shown, setShown] = useState(snapshot);
  const lastAt = useRef(0);
  useEffect(() => {
    if (snapshot === shown) return;
    const wait = !snapshot || snapshot.phase !== "running" ? 0 : lastAt.current + rowRefreshInterval(snapshot.state.rows) - Date.now();
    if (wait <= 0) {
      lastAt.current = Date.now();
      setShown(snapshot);
      return;
    }
    const t = setTimeout(() => {
      lastAt.current = Date.now();
      setShown(snapshot);
    }, wait);
    return () => clearTimeout(t);
  }, [snapshot, shown]);
  return shown;
}
