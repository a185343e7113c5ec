import { queryOptions } from "@tanstack/react-query";
import { syncListSchema, type SyncWire } from "@/lib/shared/sync/wire";
import { syncKeys } from "./keys";
import { fetchJson } from "./request";

/*
 * GET /api/syncs for the header (as-of line, progress, "Newer data") and the sync picker. A store
 * read, no upstream call: polled every 2 s while a sync runs, every 30 s otherwise, so a sync the
 * scheduler (or another officer) started shows up.
 */

export const syncsQuery = () =>
  queryOptions({
    queryKey: syncKeys.all,
    queryFn: ({ signal }) => fetchJson("/api/syncs", syncListSchema, { signal }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.syncs.some((s) => s.status === "running") ? 2_000 : 30_000),
    refetchOnWindowFocus: true,
  });

export const completeSyncs = (syncs: readonly SyncWire[]) => syncs.filter((s) => s.status === "complete" && s.finished_at);
