import "server-only";
import { processWide } from "@/lib/server/process-wide";

/*
 * Work a stop should let finish (graceful-shutdown.ts): what a completed sync leaves to do before
 * the next start can use it (its housekeeping, the checkpoint, the directory's kept copy and
 * People's first screen). One set per process: the instrumentation hook holds work and the routes
 * do too, from their own copies of this module.
 */

const held = () => processWide("held-work", () => new Set<Promise<unknown>>());

/** A stop waits for `work` (within its grace) before the server closes; returns `work`. */
export function holdShutdownFor<T>(work: Promise<T>): Promise<T> {
  const set = held();
  const tracked: Promise<unknown> = work.then(
    () => set.delete(tracked),
    () => set.delete(tracked),
  );
  set.add(tracked);
  return work;
}

/** How many pieces of work a stop would wait for now. */
export function heldWorkCount(): number {
  return held().size;
}

/** Settles once nothing is held, including work held while waiting (a sync's housekeeping starts its reading). */
export async function heldWorkSettled(): Promise<void> {
  const set = held();
  while (set.size > 0) await Promise.allSettled([...set]);
}
