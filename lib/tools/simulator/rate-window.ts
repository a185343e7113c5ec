/*
 * The parent organization's request budget: API.md, 600 requests per minute shared by every
 * key, endpoint and integration. A sliding 60-second window over admitted requests; a refused
 * request (429) does not spend budget.
 */

export interface RateState {
  limit: number;
  remaining: number;
  /** Epoch ms when the oldest admitted request leaves the window (now when the window is empty). */
  resetAt: number;
}

export interface Admission extends RateState {
  admitted: boolean;
  /** Whole seconds until a request would be admitted (set when refused). */
  retryAfterSeconds?: number;
}

export class RateWindow {
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  private prune(now: number) {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) this.head++;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  private state(now: number): RateState {
    const used = this.times.length - this.head;
    const oldest = this.times[this.head];
    return { limit: this.limit, remaining: Math.max(0, this.limit - used), resetAt: oldest === undefined ? now : oldest + this.windowMs };
  }

  peek(now: number): RateState {
    this.prune(now);
    return this.state(now);
  }

  admit(now: number): Admission {
    this.prune(now);
    if (this.times.length - this.head >= this.limit) {
      const s = this.state(now);
      return { ...s, admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((s.resetAt - now) / 1000)) };
    }
    this.times.push(now);
    return { ...this.state(now), admitted: true };
  }

  clear() {
    this.times = [];
    this.head = 0;
  }
}
