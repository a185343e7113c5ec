import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { config } from "@/lib/server/config";
import { upstreamDirectorySource } from "@/lib/server/directory/upstream-source";
import type { DirectorySource } from "@/lib/server/directory/source";
import type { Database } from "@/lib/server/store/database";
import { store } from "@/lib/server/store/instance";
import type { SyncProgress } from "@/lib/server/store/schema/directory";
import { syncRepository, type StartRequest, type SyncRecord } from "@/lib/server/store/syncs";
import { afterSync } from "./after-sync";
import { runSync } from "./run-sync";

/*
 * This process's side of syncing: start a sync (or learn which one runs, on any instance), run the
 * ones this process started in the background, know their live progress, and cancel them at
 * shutdown. Kept on globalThis so route bundles and the instrumentation hook share one.
 */

export interface LocalRun {
  sync: SyncRecord;
  progress: SyncProgress | undefined;
  upstreamCalls: number;
  ctrl: AbortController;
  done: Promise<SyncRecord>;
}

interface Coordinator {
  holder: string;
  local: LocalRun | undefined;
  source: () => DirectorySource;
  database: () => Promise<Database>;
  /** Called once each sync this process ran has completed and its housekeeping is done, by name (one per name). */
  completed: Map<string, (sync: SyncRecord) => void>;
}

const SLOT = Symbol.for("compliance-directory.sync-coordinator");
type Holder = { [SLOT]?: Coordinator };

function coordinator(): Coordinator {
  const g = globalThis as Holder;
  g[SLOT] ??= {
    holder: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
    local: undefined,
    source: () => upstreamDirectorySource(),
    database: store,
    completed: new Map(),
  };
  return g[SLOT];
}

/** Runs `listener` after each sync this process completes (after its housekeeping); a second one under `name` replaces the first. */
export function onSyncCompleted(name: string, listener: (sync: SyncRecord) => void): void {
  coordinator().completed.set(name, listener);
}

/** Tests and the benchmark aim the process's syncs at their own source or database. */
export function configureSyncs(o: { source?: () => DirectorySource; database?: () => Promise<Database> }): void {
  const c = coordinator();
  if (o.source) c.source = o.source;
  if (o.database) c.database = o.database;
}

export function syncHolder(): string {
  return coordinator().holder;
}

/** The sync this process is running, with its live progress. */
export function localSync(): LocalRun | undefined {
  return coordinator().local;
}

/** Starts a sync unless one runs anywhere already; answers the one that runs. */
export async function requestSync(req: Omit<StartRequest, "holder">): Promise<{ sync: SyncRecord; started: boolean }> {
  const c = coordinator();
  const database = await c.database();
  const staleAfterMs = config().syncStaleSeconds * 1000;
  const repo = syncRepository(database, { staleAfterMs });
  const result = await repo.start({ ...req, holder: c.holder });
  if (!result.started) return result;

  const ctrl = new AbortController();
  const run: LocalRun = { sync: result.sync, progress: undefined, upstreamCalls: 0, ctrl, done: undefined! };
  run.done = runSync({
    source: c.source(),
    repo,
    sync: result.sync,
    holder: c.holder,
    signal: ctrl.signal,
    // Several renewals fit in the stale window, so one slow database round does not lose the lease.
    heartbeatMs: Math.min(5_000, staleAfterMs / 4),
    onProgress: (p, calls) => {
      run.progress = p;
      run.upstreamCalls = calls;
    },
  })
    .then(async (ended) => {
      if (ended.status === "complete") {
        await afterSync(database, ended).catch((err: unknown) => console.error("after-sync housekeeping failed:", (err as Error).message));
        for (const listener of c.completed.values()) listener(ended);
      } else console.error(`sync ${ended.id} ${ended.status}: ${ended.error?.message ?? ""}`);
      return ended;
    })
    .finally(() => {
      if (c.local === run) c.local = undefined;
    });
  run.done.catch((err: unknown) => console.error(`sync ${result.sync.id} could not be recorded:`, (err as Error).message));
  c.local = run;
  return result;
}

/** Stops this process's running sync (shutdown, or an officer's cancel); it ends `cancelled`. */
export function cancelLocalSync(reason = "The sync was cancelled."): Promise<SyncRecord> | undefined {
  const run = coordinator().local;
  if (!run) return undefined;
  run.ctrl.abort(reason);
  return run.done;
}
