import "server-only";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { localSync } from "./coordinator";
import type { SyncWire } from "@/lib/shared/sync/wire";

/** A sync record as the routes answer it; a sync this process runs carries its live progress. */
export function syncToWire(s: SyncRecord): SyncWire {
  const local = localSync();
  const live = local && local.sync.id === s.id && s.status === "running" ? local : undefined;
  return {
    id: s.id,
    status: s.status,
    started_at: s.startedAt.toISOString(),
    finished_at: s.finishedAt?.toISOString() ?? null,
    counts: s.counts,
    upstream_calls: live ? Math.max(live.upstreamCalls, s.upstreamCalls) : s.upstreamCalls,
    sha256: s.sha256,
    error: s.error,
    trigger: s.trigger,
    requested_by: s.requestedBy,
    progress: live?.progress ?? s.progress,
  };
}
