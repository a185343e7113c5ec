import "server-only";
import { config } from "@/lib/server/config";
import { jsonError } from "@/lib/server/http/error-response";

/*
 * Each officer's bounded share of the upstream budget and of concurrent work (issue 10: one
 * officer's 150 requests with bogus page tokens and the refresh header cost 151 upstream calls
 * and held another officer's request for 16 s). Three limits, keyed by the session's officer:
 *  - upstream calls (cache misses of interactive requests) come out of a token bucket: half a
 *    minute's allowance as a burst, refilled at `upstreamPerMinute`; a request for a call the
 *    officer already has in flight joins it (single-flight) for free, so twenty tabs opening
 *    one table cost one call and one slot;
 *  - at most `concurrent` upstream calls and heavy jobs (exports, resolutions, reconciliations)
 *    running at once, so one officer's queue in the shared limiter never grows past it and
 *    another officer's request is behind at most that many of theirs;
 *  - a refresh (`x-dashboard-refresh: 1`, or `fresh` in a body) of one resource at most once
 *    per 10 s.
 * Past a limit the answer is a 429 in the CONTRACT error shape with `retry-after`, and no upstream
 * call. State is per instance (in memory): with several instances an officer's share is per
 * instance, while the upstream budget itself stays shared through the limiter.
 */

export interface OfficerShareOptions {
  upstreamPerMinute: number;
  concurrent: number;
  refreshIntervalMs?: number;
  now?: () => number;
  /** Memory bound on the tables of buckets and refreshes. */
  maxKeys?: number;
}

export interface OfficerShare {
  /**
   * An upstream call for an interactive request (a cache miss of `key`) may start: returns what to
   * call when it is over; throws a 429 Response past the officer's share. The officer's requests
   * for a key they already have in flight share that call (single-flight) and cost nothing more.
   */
  admitUpstream(officer: string, key: string): () => void;
  /** A heavy job may start: its release, or a 429 Response to answer. */
  admitWork(officer: string, what: string): (() => void) | Response;
  /** A refresh of `resource`: undefined when allowed, else a 429 Response. */
  admitRefresh(officer: string, resource: string): Response | undefined;
  /** Held state, for tests. */
  inFlight(officer: string): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

function tooMany(message: string, retryAfterSeconds: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return jsonError(429, "officer_share_exceeded", `${message} Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`, {
    headers: { "retry-after": String(seconds) },
  });
}

export function createOfficerShare(opts: OfficerShareOptions): OfficerShare {
  const now = opts.now ?? Date.now;
  const capacity = Math.max(1, Math.floor(opts.upstreamPerMinute / 2));
  const perMs = opts.upstreamPerMinute / 60_000;
  const refreshMs = opts.refreshIntervalMs ?? 10_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const running = new Map<string, number>();
  const refreshes = new Map<string, number>();
  /** officer → upstream key → the call in flight (its joiners, and the slot it holds) */
  const flying = new Map<string, Map<string, { joined: number; release: () => void }>>();

  const bucketOf = (officer: string, t: number): Bucket => {
    let b = buckets.get(officer);
    if (!b) {
      if (buckets.size >= maxKeys) buckets.clear(); // officers are few; this only guards memory
      b = { tokens: capacity, at: t };
      buckets.set(officer, b);
    }
    b.tokens = Math.min(capacity, b.tokens + (t - b.at) * perMs);
    b.at = t;
    return b;
  };

  const take = (officer: string): () => void => {
    running.set(officer, (running.get(officer) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (running.get(officer) ?? 1) - 1;
      if (n <= 0) running.delete(officer);
      else running.set(officer, n);
    };
  };

  const busy = (officer: string) => (running.get(officer) ?? 0) >= opts.concurrent;

  return {
    admitUpstream(officer, key) {
      const mine = flying.get(officer) ?? new Map<string, { joined: number; release: () => void }>();
      let call = mine.get(key);
      if (!call) {
        if (busy(officer)) {
          throw tooMany(`You already have ${opts.concurrent} requests to the Compliance API under way; other officers share its budget.`, 2);
        }
        const b = bucketOf(officer, now());
        if (b.tokens < 1) {
          throw tooMany("You have used your share of the Compliance API's budget for the moment; other officers share it.", (1 - b.tokens) / perMs / 1000);
        }
        b.tokens -= 1;
        call = { joined: 0, release: take(officer) };
        mine.set(key, call);
        flying.set(officer, mine);
      }
      call.joined += 1;
      const joinedCall = call;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        joinedCall.joined -= 1;
        if (joinedCall.joined > 0) return;
        joinedCall.release();
        if (mine.get(key) === joinedCall) mine.delete(key);
        if (mine.size === 0 && flying.get(officer) === mine) flying.delete(officer);
      };
    },
    admitWork(officer, what) {
      if (busy(officer)) return tooMany(`You already have ${opts.concurrent} requests or jobs under way, so ${what} cannot start now.`, 5);
      return take(officer);
    },
    admitRefresh(officer, resource) {
      const t = now();
      const key = `${officer}\u0000${resource}`;
      const last = refreshes.get(key);
      if (last !== undefined && t - last < refreshMs) {
        return tooMany("This was refreshed a moment ago; the answer shown is current.", (refreshMs - (t - last)) / 1000);
      }
      if (refreshes.size >= maxKeys) {
        for (const [k, at] of refreshes) if (t - at >= refreshMs) refreshes.delete(k);
        if (refreshes.size >= maxKeys) refreshes.clear();
      }
      refreshes.set(key, t);
      return undefined;
    },
    inFlight: (officer) => running.get(officer) ?? 0,
  };
}

const KEY = Symbol.for("compliance-directory.officer-share");
/** The process's share table (on globalThis so every route bundle sees the same one). */
export function officerShare(): OfficerShare {
  const g = globalThis as { [KEY]?: OfficerShare };
  g[KEY] ??= createOfficerShare(config().officerShare);
  return g[KEY];
}

/**
 * A heavy job's response, holding the officer's slot until its body is read to the end or
 * cancelled (a streamed export), or at once for an answer without a body. A body nobody reads
 * for `idleMs` gives the slot back too: Next never reads nor cancels the body of a HEAD answer.
 */
export function releaseWhenSent(response: Response, release: () => void, idleMs = 30_000): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  let idle: NodeJS.Timeout | undefined;
  const rearm = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(release, idleMs);
    idle.unref?.();
  };
  const done = () => {
    if (idle) clearTimeout(idle);
    release();
  };
  rearm();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      rearm();
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (err) {
        done();
        controller.error(err);
      }
    },
    async cancel(reason) {
      done();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
