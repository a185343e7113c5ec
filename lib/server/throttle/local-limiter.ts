import "server-only";
import Bottleneck from "bottleneck";
import type { Limiter, LimiterStats, Priority } from "./limiter";

/*
 * The in-process limiter: one Bottleneck for the whole process. Bottleneck spaces starts by
 * `minTime` and orders the queue by priority; a sliding-window gate on the actual start times
 * backs it up, because Bottleneck schedules each start from the previous *planned* start, and a
 * timer that fires late (busy event loop) would otherwise let two starts bunch up.
 */

/** Bottleneck priorities: lower runs first. Interactive page loads jump ahead of bulk walks. */
export const BOTTLENECK_PRIORITY: Record<Priority, number> = { interactive: 3, bulk: 7 };

/**
 * Spacing between starts for a rate, with a margin for jitter between our timer and the
 * upstream's arrival clock. FACTS.md: 260 ms at 4 rps kept every 1-second window at <= 4 starts.
 */
export function minTimeFor(rps: number): number {
  const spacing = 1000 / rps;
  return Math.ceil(spacing + Math.max(10, spacing * 0.04));
}

/**
 * Enough concurrency to keep the start rate full while answers take ~1 s, but small: Bottleneck
 * commits a job to a slot (with its start delay) as soon as a slot is free, so every extra slot
 * is one more bulk start an interactive request may have to wait behind.
 */
export function maxConcurrentFor(rps: number): number {
  return Math.max(2, Math.ceil(rps) + 2);
}

export interface LocalLimiterOptions {
  rps: number;
  minTime?: number;
  maxConcurrent?: number;
  /** Extra room on the one-second window of the start gate, for arrival jitter at the upstream. */
  windowMarginMs?: number;
  now?: () => number;
}

const RESCHEDULE = Symbol("reschedule");

/**
 * Room added to the one-second window: the upstream counts arrivals, and on a busy machine a
 * request left up to ~90 ms after its start was granted (measured by the load script at load
 * average 6). 100 ms costs ~9% of the rate at 4/s and keeps every window within it.
 */
export const WINDOW_MARGIN_MS = 100;

export class LocalLimiter implements Limiter {
  private readonly bottleneck: Bottleneck;
  private readonly rps: number;
  private readonly now: () => number;
  /** At most `gateCount` starts in any `gateWindowMs`: the promise, enforced on real start times. */
  private readonly gateCount: number;
  private readonly gateWindowMs: number;
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private pauseWaiters: Array<() => void> = [];
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private waitingOnPause = 0;
  private stopped = false;

  constructor(opts: LocalLimiterOptions) {
    if (!(opts.rps > 0)) throw new Error(`rate must be positive (got ${opts.rps})`);
    this.rps = opts.rps;
    this.now = opts.now ?? Date.now;
    this.gateCount = Math.max(1, Math.floor(opts.rps));
    this.gateWindowMs = (this.gateCount * 1000) / opts.rps + (opts.windowMarginMs ?? WINDOW_MARGIN_MS);
    this.bottleneck = new Bottleneck({
      minTime: opts.minTime ?? minTimeFor(opts.rps),
      maxConcurrent: opts.maxConcurrent ?? maxConcurrentFor(opts.rps),
    });
    // Without a listener Bottleneck would rethrow its own internal errors as unhandled events.
    this.bottleneck.on("error", () => {});
  }

  async schedule<T>(priority: Priority, task: () => Promise<T>): Promise<T> {
    for (;;) {
      if (this.stopped) throw new Error("the upstream limiter has been stopped");
      await this.waitForPause();
      const result = await this.bottleneck.schedule({ priority: BOTTLENECK_PRIORITY[priority] }, async () => {
        // A pause that began after this job got its slot: give the slot back rather than start.
        if (this.isPaused()) return RESCHEDULE;
        await this.passGate();
        if (this.isPaused()) return RESCHEDULE;
        return { value: await task() };
      });
      if (result !== RESCHEDULE) return result.value;
    }
  }

  pauseUntil(untilMs: number): void {
    if (untilMs <= this.pausedUntil || untilMs <= this.now()) return;
    this.pausedUntil = untilMs;
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.releasePause(), untilMs - this.now());
  }

  stats(): LimiterStats {
    const c = this.bottleneck.counts();
    const paused = this.isPaused();
    return {
      mode: "local",
      queued: c.RECEIVED + c.QUEUED + this.waitingOnPause,
      running: c.RUNNING + c.EXECUTING,
      rps: this.rps,
      ...(paused
        ? {
            pausedUntil: this.pausedUntil,
            notice: `The Compliance API's shared rate limit is spent; requests resume in ${Math.ceil((this.pausedUntil - this.now()) / 1000)} s.`,
          }
        : {}),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pauseTimer);
    this.releasePause(true);
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => {});
  }

  private isPaused(): boolean {
    return this.pausedUntil > this.now();
  }

  private async waitForPause(): Promise<void> {
    while (this.isPaused() && !this.stopped) {
      this.waitingOnPause++;
      try {
        await new Promise<void>((resolve) => this.pauseWaiters.push(resolve));
      } finally {
        this.waitingOnPause--;
      }
    }
  }

  private releasePause(force = false): void {
    if (!force && this.isPaused()) {
      // A timer may fire a hair early; wait out the rest.
      this.pauseTimer = setTimeout(() => this.releasePause(), this.pausedUntil - this.now());
      return;
    }
    const waiters = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Waits until a start keeps the sliding window within its count, then records the *actual*
   * start time. Checking and recording happen in one synchronous step after every wait, so a
   * timer that fires late (busy event loop) can delay a start but never bunch two together.
   */
  private async passGate(): Promise<void> {
    for (;;) {
      const now = this.now();
      const kthPrevious = this.starts.length >= this.gateCount ? this.starts[this.starts.length - this.gateCount]! : -Infinity;
      const earliest = kthPrevious + this.gateWindowMs;
      if (now >= earliest) {
        this.starts.push(now);
        if (this.starts.length > this.gateCount) this.starts.splice(0, this.starts.length - this.gateCount);
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, earliest - now)));
    }
  }
}

export function createLocalLimiter(opts: LocalLimiterOptions): LocalLimiter {
  return new LocalLimiter(opts);
}
