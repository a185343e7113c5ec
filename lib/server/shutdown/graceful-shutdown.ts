import "server-only";

/*
 * A stop (SIGTERM from a deploy, Ctrl-C) first finishes this process's own work, then hands over to
 * Next.js's handler, which stops taking connections, lets open requests end and exits. Next
 * registers that handler before instrumentation runs and offers no hook into it (its documented
 * alternative, NEXT_MANUAL_SIG_HANDLE, drops the request draining too), so the listeners present
 * at installation are taken off the signal and called once the work is done, or the grace has
 * passed. A second signal while waiting hands over at once, unless it came within a second of the
 * first: Ctrl-C reaches both the server and the npm or demo process above it, which passes it on.
 *
 * Why wait: a stop the moment a sync completed used to throw away what the sync had left to do (its
 * checkpoint, the directory's kept copy, People's first screen), so the next start replayed the
 * sync's write-ahead log and read the directory from the database: People took 1.7 s to show its
 * first rows after such a restart at 200,000 memberships, and 0.9 s once the stop kept them.
 */

type Listener = (signal: NodeJS.Signals) => void;

/** The part of `process` this uses (a test passes its own). */
export interface SignalTarget {
  listeners(signal: NodeJS.Signals): Function[];
  removeListener(signal: NodeJS.Signals, listener: Listener): unknown;
  on(signal: NodeJS.Signals, listener: Listener): unknown;
  exit(code?: number): void;
}

export interface GracefulShutdownOptions {
  /** What to finish before handing over; its rejection is logged and the stop goes on. */
  finish: () => Promise<void>;
  /** The longest a stop waits for `finish` (a container runtime kills 10 s after SIGTERM by default). */
  graceMs: number;
  signals?: readonly NodeJS.Signals[];
  target?: SignalTarget;
  log?: (line: string) => void;
  now?: () => number;
}

/** A signal this soon after the first is the same stop arriving twice, not an officer insisting. */
export const REPEAT_WINDOW_MS = 1_000;

export function installGracefulShutdown(o: GracefulShutdownOptions): void {
  const target = o.target ?? (process as unknown as SignalTarget);
  const log = o.log ?? ((line: string) => console.error(line));
  const framework = new Map<NodeJS.Signals, Listener[]>();
  const now = o.now ?? Date.now;
  let stoppingSince: number | undefined;
  let handedOver = false;

  const handOver = (signal: NodeJS.Signals) => {
    if (handedOver) return;
    handedOver = true;
    const theirs = framework.get(signal) ?? [];
    // Nobody else listens (a plain node process): ending it is ours.
    if (theirs.length === 0) target.exit(0);
    for (const listener of theirs) listener(signal);
  };

  for (const signal of o.signals ?? (["SIGTERM", "SIGINT"] as const)) {
    const theirs = target.listeners(signal) as Listener[];
    for (const listener of theirs) target.removeListener(signal, listener);
    framework.set(signal, theirs);
    target.on(signal, (received) => {
      if (stoppingSince !== undefined) {
        if (now() - stoppingSince < REPEAT_WINDOW_MS) return;
        log(`${received} again: stopping now.`);
        return handOver(received);
      }
      stoppingSince = now();
      const timer = setTimeout(() => {
        log(`Stopping: the work in progress did not finish within ${o.graceMs / 1000} s; stopping anyway.`);
        handOver(received);
      }, o.graceMs);
      o.finish()
        .catch((err: unknown) => log(`Stopping: finishing the work in progress failed (${err instanceof Error ? err.message : String(err)}).`))
        .finally(() => {
          clearTimeout(timer);
          handOver(received);
        });
    });
  }
}
