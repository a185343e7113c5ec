import "server-only";
import { keepNewestPair } from "@/lib/server/changes/kept-pairs";
import { isStoreUnavailable } from "@/lib/server/store/errors";
import { store } from "@/lib/server/store/instance";
import { installGracefulShutdown } from "@/lib/server/shutdown/graceful-shutdown";
import { heldWorkCount, heldWorkSettled, holdShutdownFor } from "@/lib/server/shutdown/held-work";
import { cancelLocalSync, localSync, onSyncCompleted } from "./coordinator";
import { preloadNewestDirectory } from "./directory-service";
import { startScheduler, startStaleSyncReaper } from "./scheduler";

/*
 * At server start: open (and migrate) the database, then start the sync schedule. A second process
 * on the same embedded database is refused here with one line, before it takes a request. A server
 * database that is down at start is not fatal: routes answer 503 until it is back.
 */
/**
 * The newest two syncs' changes (the Changes page's first screen), then the newest sync's directory
 * into memory (and kept for the next start, with People's first screen), so the first officer after
 * a restart or a sync waits on neither. The embedded database runs one statement at a time, so one
 * waits for the other; shortest first: at 200,000 memberships with 1% churn the changes took 74 to
 * 97 ms and the directory 1.7 to 3.1 s (measured on the bench's tree), so the Changes page opened
 * right after a sync waited behind the directory's reads for a tenth of a second of its own work.
 * Never rejects.
 */
async function readNewest(): Promise<void> {
  await store()
    .then(keepNewestPair)
    .catch((err: unknown) => console.error("could not read the newest changes (read on first use instead):", err instanceof Error ? err.message : String(err)));
  await preloadNewestDirectory();
}

/** Within a container runtime's default 10 s between SIGTERM and SIGKILL. */
export const SHUTDOWN_GRACE_MS = 8_000;

/**
 * Before the server stops: this process's running sync ends as cancelled (a kill -9 leaves it to go
 * stale), and what a completed sync left to do is finished, so the next start needs neither the
 * write-ahead log's replay nor the database's directory read.
 */
async function finishBeforeStopping(): Promise<void> {
  if (localSync() || heldWorkCount() > 0) {
    console.error(`Stopping: first ending this process's sync (a running one is cancelled) and keeping what the next start reads (at most ${SHUTDOWN_GRACE_MS / 1000} s).`);
  }
  await cancelLocalSync("The sync was cancelled: the server is shutting down.")?.catch(() => {});
  await heldWorkSettled();
}

export async function startDurableDirectory(): Promise<void> {
  try {
    await store();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isStoreUnavailable(err) && /use DATABASE_URL/.test(message)) {
      process.stderr.write(`Configuration error: ${message}\n`);
      process.exit(1);
    }
    console.error(`The database is not available yet (${message}); pages will answer 503 until it is.`);
  }
  startScheduler();
  // Now, and after each sync this process completes, without waiting for an officer to ask.
  onSyncCompleted("read the newest sync", () => void holdShutdownFor(readNewest()));
  void holdShutdownFor(readNewest());
  startStaleSyncReaper();
  installGracefulShutdown({ finish: finishBeforeStopping, graceMs: SHUTDOWN_GRACE_MS });
}
