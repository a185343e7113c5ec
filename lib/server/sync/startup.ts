import "server-only";
import { keepNewestPair } from "@/lib/server/changes/kept-pairs";
import { isStoreUnavailable } from "@/lib/server/store/errors";
import type { Database } from "@/lib/server/store/database";
import { store } from "@/lib/server/store/instance";
import { cancelLocalSync, onSyncCompleted } from "./coordinator";
import { preloadNewestDirectory } from "./directory-service";
import { startScheduler, startStaleSyncReaper } from "./scheduler";

/*
 * At server start: open (and migrate) the database, then start the sync schedule. A second process
 * on the same embedded database is refused here with one line, before it takes a request. A server
 * database that is down at start is not fatal: routes answer 503 until it is back.
 */
export async function startDurableDirectory(): Promise<void> {
  let database: Database | undefined;
  try {
    database = await store();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isStoreUnavailable(err) && /use DATABASE_URL/.test(message)) {
      process.stderr.write(`Configuration error: ${message}\n`);
      process.exit(1);
    }
    console.error(`The database is not available yet (${message}); pages will answer 503 until it is.`);
  }
  startScheduler();
  // After each sync, the new directory is read (and kept for the next start, with People's first
  // screen) without waiting for an officer to ask: the first page after a sync, or after a restart
  // that follows it, is then served from memory or the kept copy, not from the store's facts.
  onSyncCompleted("preload the newest directory", () => void preloadNewestDirectory());
  // Read the newest sync into memory now, so the first officer after a restart does not wait on it;
  // then the newest two syncs' changes (the Changes page's first screen), for the same reason. Not
  // at once: the embedded database runs one statement at a time on this thread, and the diff's
  // would hold up the reads the first pages after a restart make.
  void preloadNewestDirectory().then(() =>
    database ? keepNewestPair(database).catch((err: unknown) => console.error("could not read the newest changes (read on first use instead):", err instanceof Error ? err.message : String(err))) : undefined,
  );
  startStaleSyncReaper();
  // A shutdown ends this process's running sync as cancelled (a kill -9 leaves it to go stale).
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const cancelling = cancelLocalSync("The sync was cancelled: the server is shutting down.") ?? Promise.resolve();
      const grace = new Promise((r) => setTimeout(r, 3_000).unref());
      // Next.js has its own handler that exits; if nothing else listens, ending the process is ours.
      void Promise.race([cancelling.catch(() => {}), grace]).finally(() => {
        if (process.listenerCount(signal) === 0) process.exit(0);
      });
    });
  }
}
