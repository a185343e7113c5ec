import "server-only";

/*
 * Slows repeated failed logins without ever locking an officer out (CONTRACT.md: failures slow
 * their own client and username-and-client pair; they never lock the officer out when the right
 * password comes from another client). Issue 10 found the old per-username lock let anyone lock
 * any officer out for 15 minutes, indefinitely.
 *
 * Two counters: one per (username, client address) pair, the guesser's own track, and one per
 * client address (one client spraying many usernames; looser, since officers may share an office
 * NAT). Past a few free failures each further failure makes the key wait twice as long before
 * its next attempt (1 s, 2 s, 4 s ... up to 15 minutes); an attempt before then is refused with
 * its retry-after and costs nothing. A counter is forgotten 15 minutes after its last failure
 * once its wait is over. Unknown usernames are counted like known ones, so a refusal does not
 * reveal which names exist. An attempt is counted as a failure when it begins, not when its
 * password check ends, so a burst of parallel guesses cannot all slip in before the first one is
 * counted; a success then clears its pair and takes back only its own count from the address, so
 * a guesser who holds one valid account cannot use it to reset their address.
 */

export interface DelayRule {
  /** Failures allowed at full speed. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A counter is forgotten this long after its last failure (once its wait is over). */
  forgetMs: number;
}

export interface LoginThrottleOptions {
  perPair?: DelayRule;
  perAddress?: DelayRule;
  /** Memory bound per counter table. */
  maxKeys?: number;
  now?: () => number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Counter {
  failures: number;
  lastFailure: number;
  /** epoch ms before which the key's next attempt is refused (0: none) */
  nextAllowedAt: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
export const DEFAULT_PAIR_RULE: DelayRule = { freeFailures: 3, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE, forgetMs: 15 * MINUTE };
export const DEFAULT_ADDRESS_RULE: DelayRule = { freeFailures: 10, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE, forgetMs: 15 * MINUTE };

class CounterTable {
  private readonly counters = new Map<string, Counter>();
  constructor(
    private readonly rule: DelayRule,
    private readonly maxKeys: number,
  ) {}

  private live(key: string, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (!c) return undefined;
    if (c.nextAllowedAt > now || now - c.lastFailure < this.rule.forgetMs) return c;
    this.counters.delete(key);
    return undefined;
  }

  private waitAfter(failures: number): number {
    const past = failures - this.rule.freeFailures;
    if (past < 0) return 0;
    return Math.min(this.rule.maxDelayMs, this.rule.baseDelayMs * 2 ** Math.min(past, 30));
  }

  /** Seconds this key must still wait, or 0. */
  waitSeconds(key: string, now: number): number {
    const c = this.live(key, now);
    if (!c || c.nextAllowedAt <= now) return 0;
    return Math.max(1, Math.ceil((c.nextAllowedAt - now) / 1000));
  }

  fail(key: string, now: number): void {
    let c = this.live(key, now);
    if (!c) {
      this.makeRoom(now);
      c = { failures: 0, lastFailure: now, nextAllowedAt: 0 };
      this.counters.set(key, c);
    }
    c.failures += 1;
    c.lastFailure = now;
    const wait = this.waitAfter(c.failures);
    c.nextAllowedAt = wait > 0 ? now + wait : 0;
  }

  /** Take back one counted failure (an attempt that turned out to be a success). */
  forgive(key: string, now: number): void {
    const c = this.live(key, now);
    if (!c) return;
    c.failures -= 1;
    if (c.failures <= 0) this.counters.delete(key);
    else if (this.waitAfter(c.failures) === 0) c.nextAllowedAt = 0;
  }

  clear(key: string): void {
    this.counters.delete(key);
  }

  get size(): number {
    return this.counters.size;
  }

  /** Drop stale counters; if still full, the oldest not waiting, and only then the oldest of all. */
  private makeRoom(now: number): void {
    if (this.counters.size < this.maxKeys) return;
    for (const key of [...this.counters.keys()]) this.live(key, now);
    for (const [key, c] of this.counters) {
      if (this.counters.size < this.maxKeys) return;
      if (c.nextAllowedAt <= now) this.counters.delete(key);
    }
    for (const key of this.counters.keys()) {
      if (this.counters.size < this.maxKeys) return;
      this.counters.delete(key);
    }
  }
}

export interface LoginThrottle {
  /**
   * May this attempt go ahead? Call before checking the password. An allowed attempt is counted
   * as a failure until `succeeded` says otherwise.
   */
  begin(username: string, address: string): ThrottleDecision;
  /** The password was right: the pair starts afresh and the address gets this attempt back. */
  succeeded(username: string, address: string): void;
  /** Counters held, for tests and memory checks. */
  size(): { pairs: number; addresses: number };
}

// Case and surrounding spaces do not make a different guess target.
export const usernameKey = (u: string) => u.trim().toLowerCase().slice(0, 200);
const pairKey = (username: string, address: string) => `${usernameKey(username)}\u0000${address}`;

export function createLoginThrottle(opts: LoginThrottleOptions = {}): LoginThrottle {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const byPair = new CounterTable(opts.perPair ?? DEFAULT_PAIR_RULE, maxKeys);
  const byAddress = new CounterTable(opts.perAddress ?? DEFAULT_ADDRESS_RULE, maxKeys);

  return {
    begin(username, address) {
      const t = now();
      const pair = pairKey(username, address);
      const wait = Math.max(byPair.waitSeconds(pair, t), byAddress.waitSeconds(address, t));
      if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
      byPair.fail(pair, t);
      byAddress.fail(address, t);
      return { allowed: true };
    },
    succeeded(username, address) {
      byPair.clear(pairKey(username, address));
      byAddress.forgive(address, now());
    },
    size: () => ({ pairs: byPair.size, addresses: byAddress.size }),
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
