import { queryOptions } from "@tanstack/react-query";
import { syncListSchema, type SyncWire } from "@/lib/sync/wire";
import { fetchJson } from "./fetch-json";

/*
 * GET /api/syncs for the header (as-of line, progress, "Newer data") and the sync picker. A store
 * read, no upstream call: polled every 2 s while a sync runs, every 30 s otherwise, so a sync the
 * scheduler (or another officer) started shows up.
 */

export const syncsKey = ["syncs"] as const;

export const syncsQuery = () =>
  queryOptions({
    queryKey: syncsKey,
    queryFn: ({ signal }) => fetchJson("/api/syncs", syncListSchema, { signal }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.syncs.some((s) => s.status === "running") ? 2_000 : 30_000),
    refetchOnWindowFocus: true,
  });

export const completeSyncs = (syncs: readonly SyncWire[]) => syncs.filter((s) => s.status === "complete" && s.finished_at);
