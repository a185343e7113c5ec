import "server-only";
import { config } from "@/lib/server/config";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";
import { requestSync } from "./coordinator";

/*
 * Syncs on a schedule (COMPLIANCE_SYNC_INTERVAL_MINUTES): at start when the newest complete sync is
 * older than the interval (or there is none), then whenever it becomes so. Every instance runs this
 * check; the database admits one running sync, so they never walk twice. 0 turns it off: syncs then
 * start only on request (and the very first one when a page needs the directory).
 */

const CHECK_EVERY_MS = 60_000;

export async function syncIfDue(now = Date.now()): Promise<void> {
  const minutes = config().syncIntervalMinutes;
  if (minutes <= 0) return;
  const repo = syncRepository(await store());
  if (await repo.running()) return;
  const newest = await repo.newestComplete();
  const age = newest ? now - (newest.finishedAt ?? newest.startedAt).getTime() : Infinity;
  if (age >= minutes * 60_000) await requestSync({ trigger: newest ? "schedule" : "start" });
}

const SLOT = Symbol.for("compliance-directory.sync-scheduler");
type Holder = { [SLOT]?: NodeJS.Timeout };

export function startScheduler(): void {
  const g = globalThis as Holder;
  if (g[SLOT] || config().syncIntervalMinutes <= 0) return;
  const tick = () =>
    syncIfDue().catch((err: unknown) => console.error("scheduled sync check failed:", err instanceof Error ? err.message : String(err)));
  void tick();
  g[SLOT] = setInterval(tick, Math.min(CHECK_EVERY_MS, config().syncIntervalMinutes * 60_000));
  g[SLOT].unref?.();
}

const REAPER_SLOT = Symbol.for("compliance-directory.stale-sync-reaper");
type ReaperHolder = { [REAPER_SLOT]?: NodeJS.Timeout };

/**
 * Fails a running sync whose process died (kill -9, lost host) once its heartbeat is older than
 * COMPLIANCE_SYNC_STALE_SECONDS, so GET /api/syncs and the header stop showing it as running even
 * when nobody asks for a new sync. Any instance may do it; the update is one guarded statement.
 */
export function startStaleSyncReaper(): void {
  const g = globalThis as ReaperHolder;
  if (g[REAPER_SLOT]) return;
  const staleAfterMs = config().syncStaleSeconds * 1000;
  const tick = () =>
    store()
      .then((database) => syncRepository(database, { staleAfterMs }).reapStale())
      .then((reaped) => {
        for (const s of reaped) console.error(`sync ${s.id} failed: its process stopped renewing it for ${config().syncStaleSeconds} s`);
      })
      .catch(() => {
        // The database is away: the 503s say so; the next tick tries again.
      });
  g[REAPER_SLOT] = setInterval(tick, Math.min(30_000, Math.max(1_000, staleAfterMs / 2)));
  g[REAPER_SLOT].unref?.();
}
