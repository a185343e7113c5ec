import "server-only";

/*
 * Slows, then refuses, repeated failed logins. Two counters: one per username (the real defence:
 * a guesser must go through it whatever address they claim) and one per client address (stops
 * one client spraying many usernames; looser, because officers may share an office NAT).
 * Unknown usernames are counted like known ones, so a 429 does not reveal which names exist.
 * Each counter window starts at its first failure; reaching the limit locks the key for
 * `lockMs`. An attempt is counted as a failure when it begins, not when its password check ends,
 * so a burst of parallel guesses cannot all slip in before the first one is counted. A success
 * then clears the username's counter and takes back only its own count from the address, so a
 * guesser who holds one valid account cannot use it to reset their address.
 */

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface LoginThrottleOptions {
  perUsername?: ThrottleRule;
  perAddress?: ThrottleRule;
  /** Memory bound per counter table. */
  maxKeys?: number;
  now?: () => number;
}

export type ThrottleDecision =
  | {
      allowed: true;
      /** wait this long before answering: each failure makes the next attempt slower */
      delayMs: number;
      /** this attempt, if it fails, is the one that starts a lock (worth an audit line) */
      locks: boolean;
    }
  | { allowed: false; retryAfterSeconds: number };

interface Counter {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

const MINUTE = 60_000;
export const DEFAULT_USERNAME_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const DEFAULT_ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 3_000;

class CounterTable {
  private readonly counters = new Map<string, Counter>();
  constructor(
    private readonly rule: ThrottleRule,
    private readonly maxKeys: number,
  ) {}

  private live(key: string, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (!c) return undefined;
    if (c.lockedUntil > now) return c;
    if (c.lockedUntil === 0 && now - c.windowStart < this.rule.windowMs) return c;
    this.counters.delete(key);
    return undefined;
  }

  check(key: string, now: number): ThrottleDecision {
    const c = this.live(key, now);
    if (!c) return { allowed: true, delayMs: 0, locks: this.rule.maxFailures <= 1 };
    if (c.lockedUntil > now) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((c.lockedUntil - now) / 1000)) };
    return { allowed: true, delayMs: Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (c.failures - 1)), locks: c.failures + 1 >= this.rule.maxFailures };
  }

  fail(key: string, now: number): void {
    let c = this.live(key, now);
    if (!c) {
      this.makeRoom(now);
      c = { failures: 0, windowStart: now, lockedUntil: 0 };
      this.counters.set(key, c);
    }
    c.failures += 1;
    if (c.failures >= this.rule.maxFailures) c.lockedUntil = now + this.rule.lockMs;
  }

  /** Take back one counted failure (an attempt that turned out to be a success). */
  forgive(key: string, now: number): void {
    const c = this.live(key, now);
    if (!c) return;
    c.failures -= 1;
    if (c.failures <= 0) this.counters.delete(key);
    else if (c.failures < this.rule.maxFailures) c.lockedUntil = 0;
  }

  clear(key: string): void {
    this.counters.delete(key);
  }

  get size(): number {
    return this.counters.size;
  }

  /** Drop stale counters; if still full, the oldest unlocked ones, and only then the oldest of all. */
  private makeRoom(now: number): void {
    if (this.counters.size < this.maxKeys) return;
    for (const key of [...this.counters.keys()]) this.live(key, now);
    for (const [key, c] of this.counters) {
      if (this.counters.size < this.maxKeys) return;
      if (c.lockedUntil <= now) this.counters.delete(key);
    }
    for (const key of this.counters.keys()) {
      if (this.counters.size < this.maxKeys) return;
      this.counters.delete(key);
    }
  }
}

export interface LoginThrottle {
  /**
   * May this attempt go ahead, and after how long a pause? Call before checking the password. An
   * allowed attempt is counted as a failure until `succeeded` says otherwise.
   */
  begin(username: string, address: string): ThrottleDecision;
  /** The password was right: the username starts afresh and the address gets this attempt back. */
  succeeded(username: string, address: string): void;
  /** Counters held, for tests and memory checks. */
  size(): { usernames: number; addresses: number };
}

// Case and surrounding spaces do not make a different guess target.
const usernameKey = (u: string) => u.trim().toLowerCase().slice(0, 200);

export function createLoginThrottle(opts: LoginThrottleOptions = {}): LoginThrottle {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const byUsername = new CounterTable(opts.perUsername ?? DEFAULT_USERNAME_RULE, maxKeys);
  const byAddress = new CounterTable(opts.perAddress ?? DEFAULT_ADDRESS_RULE, maxKeys);

  return {
    begin(username, address) {
      const t = now();
      const user = usernameKey(username);
      const a = byUsername.check(user, t);
      const b = byAddress.check(address, t);
      if (!a.allowed || !b.allowed) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(a.allowed ? 0 : a.retryAfterSeconds, b.allowed ? 0 : b.retryAfterSeconds),
        };
      }
      byUsername.fail(user, t);
      byAddress.fail(address, t);
      return { allowed: true, delayMs: Math.max(a.delayMs, b.delayMs), locks: a.locks || b.locks };
    },
    succeeded(username, address) {
      byUsername.clear(usernameKey(username));
      byAddress.forgive(address, now());
    },
    size: () => ({ usernames: byUsername.size, addresses: byAddress.size }),
  };
}

// One throttle per process (on globalThis so every route bundle shares it). With several
// instances each keeps its own counts, so the effective limit is per instance.
const KEY = Symbol.for("compliance-directory.login-throttle");
export function loginThrottle(): LoginThrottle {
  const g = globalThis as { [KEY]?: LoginThrottle };
  g[KEY] ??= createLoginThrottle();
  return g[KEY];
}
