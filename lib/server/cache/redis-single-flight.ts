import "server-only";
import { randomBytes } from "node:crypto";
import type { RedisLink } from "@/lib/server/redis/link";
import { isUpstreamError, UpstreamError, type UpstreamErrorInit } from "@/lib/server/upstream/errors";
import { defaultSleep as sleep } from "@/lib/server/upstream/retry-policy";
import { createSingleFlight, type SingleFlight } from "@/lib/server/upstream/single-flight";

/*
 * Single-flight across instances. Within an instance, callers join the in-process flight as
 * before; its one caller then takes a lock in Redis for the request key (SET NX PX, renewed while
 * the request runs). An instance that finds the lock held does not call the upstream: it polls, with
 * a small backoff, for the holder's outcome, which the holder writes beside the lock (the answer,
 * or the error any caller would have got) just before it lets go. If the holder goes away without
 * an outcome (crashed, cancelled), the waiter takes the lock itself; if the wait runs past its bound,
 * or Redis cannot be reached, it calls the upstream itself. Values must be JSON (the client shares
 * raw answers: body, request id, fetch time).
 */

export interface RedisSingleFlightOptions {
  link: RedisLink;
  /** The deployment's namespace (namespace.ts). */
  prefix: string;
  /** The in-process flights this one builds on. */
  local?: SingleFlight;
  /** A holder that stops renewing (crashed) loses the lock after this long. */
  lockTtlMs?: number;
  /** The longest a waiter waits for another instance's answer before asking the upstream itself. */
  maxWaitMs?: number;
  /** How long an outcome stays readable for waiters after the holder finished. */
  resultTtlMs?: number;
  pollMinMs?: number;
  pollMaxMs?: number;
}

const DEFAULTS = { lockTtlMs: 15_000, maxWaitMs: 45_000, resultTtlMs: 15_000, pollMinMs: 15, pollMaxMs: 250 };
/** Rounds of "the holder left without an answer, try to take the lock" before going it alone. */
const MAX_ROUNDS = 3;

/** Takes the lock, or answers who holds it: {1} or {0, holder}. */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
return {0, redis.call('GET', KEYS[1])}
`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** An UpstreamError as JSON: what a waiter rebuilds (its cause stays with the instance that met it). */
type SharedError = Omit<UpstreamErrorInit, "cause">;
type Outcome = { ok: true; value: unknown } | { ok: false; error: SharedError };
type Followed = { kind: "outcome"; outcome: Outcome } | { kind: "vanished" } | { kind: "alone" };

function shareable(err: unknown): SharedError | undefined {
  // A cancellation belongs to the callers who left; the others' request is still wanted.
  if (!isUpstreamError(err) || err.kind === "cancelled") return undefined;
  return {
    kind: err.kind,
    message: err.message,
    status: err.status,
    upstreamType: err.upstreamType,
    upstreamMessage: err.upstreamMessage,
    requestId: err.requestId,
    path: err.path,
    missingScopes: err.missingScopes,
  };
}

export class RedisSingleFlight implements SingleFlight {
  private readonly local: SingleFlight;
  private readonly o: typeof DEFAULTS;
  /** Upstream calls this instance made as holder, and answers it took from another instance. */
  readonly counters = { led: 0, followed: 0, alone: 0 };

  constructor(private readonly opts: RedisSingleFlightOptions) {
    this.local = opts.local ?? createSingleFlight();
    this.o = {
      lockTtlMs: opts.lockTtlMs ?? DEFAULTS.lockTtlMs,
      maxWaitMs: opts.maxWaitMs ?? DEFAULTS.maxWaitMs,
      resultTtlMs: opts.resultTtlMs ?? DEFAULTS.resultTtlMs,
      pollMinMs: opts.pollMinMs ?? DEFAULTS.pollMinMs,
      pollMaxMs: opts.pollMaxMs ?? DEFAULTS.pollMaxMs,
    };
  }

  size(): number {
    return this.local.size();
  }

  run<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.local.run(key, (flightSignal) => this.acrossInstances(key, fn, flightSignal), signal);
  }

  private lockKey(key: string): string {
    return `${this.opts.prefix}:flight:${key}`;
  }

  private outcomeKey(token: string): string {
    return `${this.opts.prefix}:flight-outcome:${token}`;
  }

  private async acrossInstances<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const { link } = this.opts;
    const deadline = Date.now() + this.o.maxWaitMs;
    await link.whenSettled();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!link.usable()) break;
      const token = randomBytes(12).toString("base64url");
      let reply: [number, string | null];
      try {
        reply = (await link.client.eval(ACQUIRE, 1, this.lockKey(key), token, String(this.o.lockTtlMs))) as [number, string | null];
      } catch (err) {
        link.report(err);
        break;
      }
      if (Number(reply[0]) === 1) return this.lead(key, token, fn, signal);
      const holder = reply[1];
      if (!holder) continue; // released between the SET and the GET: try again
      const followed = await this.follow(key, holder, signal, deadline);
      if (followed.kind === "outcome") {
        this.counters.followed++;
        if (followed.outcome.ok) return followed.outcome.value as T;
        throw new UpstreamError(followed.outcome.error);
      }
      if (followed.kind === "alone") break;
    }
    this.counters.alone++;
    return fn(signal);
  }

  private async lead<T>(key: string, token: string, fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const { link } = this.opts;
    const lockKey = this.lockKey(key);
    this.counters.led++;
    const renew = setInterval(() => {
      if (!link.usable()) return;
      link.client.eval(RENEW, 1, lockKey, token, String(this.o.lockTtlMs)).catch((err) => link.report(err));
    }, Math.max(50, Math.floor(this.o.lockTtlMs / 3)));
    renew.unref?.();
    let outcome: Outcome | undefined;
    try {
      const value = await fn(signal);
      outcome = { ok: true, value };
      return value;
    } catch (err) {
      const error = shareable(err);
      if (error) outcome = { ok: false, error };
      throw err;
    } finally {
      clearInterval(renew);
      await this.finish(lockKey, token, outcome);
    }
  }

  /** Leaves the outcome for waiters, then lets go of the lock (in one round trip). */
  private async finish(lockKey: string, token: string, outcome: Outcome | undefined): Promise<void> {
    const { link } = this.opts;
    if (!link.usable()) return;
    try {
      const tx = link.client.multi();
      if (outcome) tx.set(this.outcomeKey(token), JSON.stringify(outcome), "PX", this.o.resultTtlMs);
      tx.eval(RELEASE, 1, lockKey, token);
      await tx.exec();
    } catch (err) {
      link.report(err);
    }
  }

  private async follow(key: string, holder: string, signal: AbortSignal, deadline: number): Promise<Followed> {
    const { link } = this.opts;
    const lockKey = this.lockKey(key);
    const outcomeKey = this.outcomeKey(holder);
    let delay = this.o.pollMinMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { kind: "alone" };
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(delay * 2, this.o.pollMaxMs);
      if (!link.usable()) return { kind: "alone" };
      let lockNow: string | null | undefined;
      let text: string | null | undefined;
      try {
        [lockNow, text] = await link.client.mget(lockKey, outcomeKey);
      } catch (err) {
        link.report(err);
        return { kind: "alone" };
      }
      if (typeof text === "string") {
        try {
          return { kind: "outcome", outcome: JSON.parse(text) as Outcome };
        } catch {
          return { kind: "alone" };
        }
      }
      if (lockNow !== holder) return { kind: "vanished" };
    }
  }
}

export function createRedisSingleFlight(opts: RedisSingleFlightOptions): RedisSingleFlight {
  return new RedisSingleFlight(opts);
}
