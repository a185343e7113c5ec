import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";

/*
 * CPU work over a whole directory (150,000 people) written once as a generator that yields at
 * checkpoints, then either run to the end at once (a caller that needs the answer now) or in
 * slices that give the event loop back between them, so page loads, API calls and the upstream
 * throttle's timers never wait seconds behind an index build. A checkpoint is cheap (a yield);
 * the clock is read only there.
 */

export type Steps<T> = Generator<void, T, void>;

/**
 * Longest stretch a sliced run holds the event loop. Each await of a request served meanwhile waits
 * for at most one slice, and a page's render awaits many times: with 15 ms slices People's document
 * took 400 to 580 ms to its first byte while a restart's directory was read (200,000 memberships),
 * with 5 ms 200 to 270 ms. A turn of the loop between slices costs microseconds.
 */
export const SLICE_MS = 5;

/** Items between checkpoints in the loops below: a few hundred microseconds of work each. */
export const CHECKPOINT_EVERY = 1024;

/** One build shared by every caller: whoever needs it first drives it, and later callers finish the same one. */
export class SlicedBuild<T> {
  private done = false;
  private value: T | undefined;
  /** A build that threw throws the same to every caller after (a generator that threw cannot resume). */
  private failure: { error: unknown } | undefined;
  private sliced: Promise<T> | undefined;

  /** Dropped once done: a build's intermediate arrays need not live as long as its result. */
  private steps: Steps<T> | undefined;

  constructor(steps: Steps<T>) {
    this.steps = steps;
  }

  /** The rest of the build, now (blocking): what a synchronous caller gets. */
  now(): T {
    if (this.failure) throw this.failure.error;
    while (!this.done) this.step();
    return this.value as T;
  }

  /** The rest of the build in slices of at most `sliceMs` each; every caller gets the same promise. */
  inSlices(sliceMs = SLICE_MS): Promise<T> {
    this.sliced ??= (async () => {
      const breather = sliceBreather(sliceMs);
      while (!this.done) {
        this.step();
        await breather();
      }
      return this.value as T;
    })();
    return this.sliced;
  }

  private step(): void {
    if (this.failure) throw this.failure.error;
    try {
      const r = this.steps!.next();
      if (r.done) {
        this.done = true;
        this.value = r.value;
        this.steps = undefined;
      }
    } catch (error) {
      this.failure = { error };
      this.steps = undefined;
      throw error;
    }
  }
}

/**
 * For async loops over a directory: `await breather()` at each checkpoint gives the event loop a
 * turn once `sliceMs` of work has gone by since the last one (and costs a microtask otherwise).
 */
export function sliceBreather(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** Runs steps to the end at once. */
export function runNow<T>(steps: Steps<T>): T {
  return new SlicedBuild(steps).now();
}

/** Runs steps in slices that give the event loop back between them. */
export function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  return new SlicedBuild(steps).inSlices(sliceMs);
}

/** `out[i] = f(i)` for i < n, with checkpoints. */
export function* mapSteps<T>(n: number, f: (i: number) => T): Steps<T[]> {
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    out[i] = f(i);
    if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
  }
  return out;
}

/**
 * 0..n-1 ordered by `compare`, with checkpoints: runs of CHECKPOINT_EVERY sorted natively, then
 * merged pairwise. `compare` must be a total order (ties broken by position), so the result is
 * exactly what one Array.prototype.sort would give.
 */
export function* sortSteps(n: number, compare: (a: number, b: number) => number): Steps<Int32Array> {
  let from = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let lo = 0; lo < n; lo += CHECKPOINT_EVERY) {
    from.subarray(lo, Math.min(n, lo + CHECKPOINT_EVERY)).sort(compare);
    yield;
  }
  let to = new Int32Array(n);
  for (let width = CHECKPOINT_EVERY; width < n; width *= 2) {
    let merged = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let a = lo;
      let b = mid;
      for (let w = lo; w < hi; w++) {
        to[w] = b >= hi || (a < mid && compare(from[a]!, from[b]!) <= 0) ? from[a++]! : from[b++]!;
        if (++merged % CHECKPOINT_EVERY === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
