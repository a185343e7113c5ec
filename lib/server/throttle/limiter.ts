/*
 * The one gate every upstream request passes. Two implementations share this interface: an
 * in-process Bottleneck (one instance) and Bottleneck's Redis clustering (several instances, one
 * budget). Callers never know which one they got.
 */

/** Interactive page loads go ahead of bulk walks (exports, whole-directory snapshots). */
export type Priority = "interactive" | "bulk";

export interface LimiterStats {
  mode: "local" | "redis" | "redis-degraded";
  queued: number;
  running: number;
  /** Request starts allowed per second by this limiter right now. */
  rps: number;
  /** Epoch ms until which starts are held back (after a 429 or a low-remaining header), if any. */
  pausedUntil?: number;
  /** Plain words for the header when the limiter is not in its normal state. */
  notice?: string;
}

export interface Limiter {
  /** Runs `task` once a start slot is free; at most `rps` starts in any one-second window. */
  schedule<T>(priority: Priority, task: () => Promise<T>): Promise<T>;
  /** Hold every start back until `untilMs` (epoch ms): the shared budget is spent. */
  pauseUntil(untilMs: number): void;
  stats(): LimiterStats;
  stop(): Promise<void>;
}
