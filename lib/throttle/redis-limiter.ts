import "server-only";
import Bottleneck from "bottleneck";
import type Redis from "ioredis";
import { createRedisClient, isRedisUnreachable, REDIS_COMMAND_TIMEOUT_MS } from "@/lib/redis/client";
import { redactRedisUrl } from "@/lib/redis/redact-url";
import type { Limiter, LimiterStats, Priority } from "./limiter";
import { BOTTLENECK_PRIORITY, createLocalLimiter, maxConcurrentFor, minTimeFor, WINDOW_MARGIN_MS } from "./local-limiter";

/*
 * One upstream budget shared by every app instance: Bottleneck's own Redis clustering (ioredis
 * datastore, one shared `id`, `minTime` spacing, priorities). Bottleneck 2.19.5 needs
 * patches/bottleneck+2.19.5.patch on Redis 7, or it never recovers once Redis loses its keys
 * (FACTS.md).
 *
 * Two things sit beside Bottleneck:
 * - A start gate in Redis, checked by one Lua script right before each start: it holds starts
 *   while the shared pause key is set (pauseUntil, from any instance), and it keeps at most
 *   `rps` starts in any one-second window on Redis's own clock, measured on actual starts rather
 *   than Bottleneck's planned ones (a late timer on one host cannot bunch starts up, and hosts'
 *   clocks do not matter). Each instance also keeps its own starts within the window, the only
 *   record left when Redis loses its keys.
 * - A degraded mode: when Redis cannot be reached, this instance switches to an in-process limiter
 *   at `fallbackRps` (its safe share of the budget), says so in stats(), logs one line, and probes
 *   Redis in the background to switch back. No job waits on a dead Redis: waiting jobs move to the
 *   local limiter, and the caller's promise follows the task itself, never Bottleneck's bookkeeping.
 */

export interface RedisLimiterOptions {
  redisUrl: string;
  /** Starts per second for all instances together (COMPLIANCE_RATE_LIMIT_RPS). */
  rps: number;
  /** The shared Bottleneck id: every instance that spends the same upstream budget uses the same one. */
  id: string;
  /** This instance's own rate while Redis is unreachable. Default: min(1, rps). */
  fallbackRps?: number;
  /** Cluster-wide concurrency; default as for the local limiter. */
  maxConcurrent?: number;
  /**
   * After this long a started job no longer holds a concurrency slot in Redis, so a crashed
   * instance cannot keep slots forever. Longer than an upstream request with its timeout.
   */
  jobExpirationMs?: number;
  /** First delay between attempts to reach Redis again; doubles to 5 s. */
  probeDelayMs?: number;
  /** Where the one-line state changes go (never with the URL's credentials). */
  log?: (line: string) => void;
}

const DEFAULT_JOB_EXPIRATION_MS = 120_000;
/** Bottleneck's keys vanish after this long without activity: instances long gone leave nothing behind. */
const KEY_TTL_MS = 15 * 60_000;
const CONNECT_TIMEOUT_MS = 3_000;
const HEARTBEAT_MS = 1_000;
const MAX_PROBE_DELAY_MS = 5_000;
/** A recovery that lasts this long resets the probe backoff. */
const STABLE_AFTER_MS = 60_000;

const GATE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return {1, paused - now} end
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {2, tonumber(oldest[2]) + window - now + 1}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window * 2)
return {0, 0}
`;

/** Extends (never shortens) the shared pause; Redis drops the key when it ends. */
const PAUSE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0
`;

const GATE_OPEN = 0;
const GATE_PAUSED = 1;
const GATE_WINDOW_FULL = 2;

interface Job {
  priority: Priority;
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  state: "waiting" | "running" | "done";
  /** Bumped on every hand-over; a backend holding an older number has lost the job and must not start it. */
  route: number;
}

/** One connection to Redis and the clustered Bottleneck on it; replaced wholesale after an outage. */
interface Generation {
  bottleneck: Bottleneck;
  connection: Bottleneck.IORedisConnection;
  client: Redis;
  retired: boolean;
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

function perSecond(rps: number): string {
  return `${rps} request${rps === 1 ? "" : "s"}/second`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RedisLimiter implements Limiter {
  private readonly url: string;
  private readonly safeUrl: string;
  private readonly id: string;
  private readonly rps: number;
  private readonly fallbackRps: number;
  private readonly minTime: number;
  private readonly maxConcurrent: number;
  private readonly jobExpirationMs: number;
  private readonly windowCount: number;
  private readonly windowMs: number;
  private readonly startsKey: string;
  private readonly pauseKey: string;
  private readonly initialProbeDelayMs: number;
  private readonly log: (line: string) => void;

  /** Set while Redis serves us; `local` is set while degraded; neither while first connecting. */
  private gen: Generation | null = null;
  private local: Limiter | null = null;
  private readonly jobs = new Set<Job>();
  private parked = new Set<Job>();
  private parkTimer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  /** After switching budgets, nothing starts until the old budget's last start has left the window. */
  private switchHoldUntil = 0;
  private lastStartAt = 0;
  /** This instance's starts (and reservations) through the cluster in the last window. */
  private ownStarts: Array<{ at: number }> = [];
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probeDelayMs: number;
  private recoveredAt = 0;
  private stopped = false;
  private readonly firstBackend: Promise<void>;
  private announceFirstBackend!: () => void;

  constructor(opts: RedisLimiterOptions) {
    if (!(opts.rps > 0)) throw new Error(`rate must be positive (got ${opts.rps})`);
    const fallbackRps = opts.fallbackRps ?? Math.min(1, opts.rps);
    if (!(fallbackRps > 0) || fallbackRps > opts.rps) {
      throw new Error(`the fallback rate must be positive and at most the shared rate (got ${fallbackRps})`);
    }
    this.url = opts.redisUrl;
    this.safeUrl = redactRedisUrl(opts.redisUrl);
    this.id = opts.id;
    this.rps = opts.rps;
    this.fallbackRps = fallbackRps;
    this.minTime = minTimeFor(opts.rps);
    this.maxConcurrent = opts.maxConcurrent ?? maxConcurrentFor(opts.rps);
    this.jobExpirationMs = opts.jobExpirationMs ?? DEFAULT_JOB_EXPIRATION_MS;
    this.windowCount = Math.max(1, Math.floor(opts.rps));
    this.windowMs = Math.ceil((this.windowCount * 1000) / opts.rps) + WINDOW_MARGIN_MS;
    this.startsKey = `throttle:${opts.id}:starts`;
    this.pauseKey = `throttle:${opts.id}:paused-until`;
    this.initialProbeDelayMs = opts.probeDelayMs ?? 500;
    this.probeDelayMs = this.initialProbeDelayMs;
    this.log = opts.log ?? ((line) => console.warn(line));
    this.firstBackend = new Promise((resolve) => (this.announceFirstBackend = resolve));

    this.openGeneration().then(
      (gen) => this.recover(gen),
      (err) => this.degrade(null, `cannot connect: ${describeError(err)}`),
    );
  }

  /** Resolves once the limiter has either joined the cluster or fallen back to its own share. */
  ready(): Promise<void> {
    return this.firstBackend;
  }

  schedule<T>(priority: Priority, task: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new Error("the upstream limiter has been stopped"));
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        priority,
        task,
        resolve: resolve as (value: unknown) => void,
        reject,
        state: "waiting",
        route: 0,
      };
      this.jobs.add(job);
      this.dispatch(job);
    });
  }

  pauseUntil(untilMs: number): void {
    const remaining = untilMs - Date.now();
    if (!(remaining > 0)) return;
    this.notePause(untilMs);
    if (this.gen) this.sharePause(this.gen, remaining);
  }

  stats(): LimiterStats {
    const now = Date.now();
    let queued = 0;
    let running = 0;
    for (const job of this.jobs) {
      if (job.state === "waiting") queued++;
      else if (job.state === "running") running++;
    }
    const degraded = this.local !== null;
    const notices: string[] = [];
    if (degraded) {
      notices.push(
        `Shared rate limiter unreachable (Redis); this instance is limited to ${perSecond(this.fallbackRps)} until it returns.`,
      );
    }
    const paused = this.pausedUntil > now;
    if (paused) {
      notices.push(
        `The Compliance API's shared rate limit is spent; requests resume in ${Math.ceil((this.pausedUntil - now) / 1000)} s.`,
      );
    }
    return {
      mode: degraded ? "redis-degraded" : "redis",
      queued,
      running,
      rps: degraded ? this.fallbackRps : this.rps,
      ...(paused ? { pausedUntil: this.pausedUntil } : {}),
      ...(notices.length > 0 ? { notice: notices.join(" ") } : {}),
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.parkTimer);
    clearTimeout(this.probeTimer);
    this.parked.clear();
    for (const job of this.jobs) {
      if (job.state !== "waiting") continue;
      job.state = "done";
      this.jobs.delete(job);
      job.reject(new Error("the upstream limiter has been stopped"));
    }
    const gen = this.gen;
    const local = this.local;
    this.gen = null;
    this.local = null;
    this.announceFirstBackend();
    await Promise.all([gen ? this.closeGeneration(gen) : undefined, local?.stop()]);
  }

  // ---- routing jobs to a backend ----

  private dispatch(job: Job): void {
    const route = ++job.route;
    if (this.stopped || job.state !== "waiting") return;
    if (Math.max(this.pausedUntil, this.switchHoldUntil) > Date.now()) {
      this.park(job);
      return;
    }
    const gen = this.gen;
    if (gen) {
      gen.bottleneck
        .schedule({ priority: BOTTLENECK_PRIORITY[job.priority], expiration: this.jobExpirationMs }, () =>
          this.startInCluster(job, route, gen),
        )
        .catch((err) => {
          // A job that already started settles through its task; only a refused wait matters here.
          if (job.route === route && job.state === "waiting") this.degrade(gen, describeError(err));
        });
    } else if (this.local) {
      this.local
        .schedule(job.priority, () => this.startHere(job, route))
        .catch((err) => {
          if (job.route === route && job.state === "waiting") {
            job.state = "done";
            this.jobs.delete(job);
            job.reject(err);
          }
        });
    }
    // Neither: still connecting; the first backend picks up every waiting job.
  }

  private async startInCluster(job: Job, route: number, gen: Generation): Promise<void> {
    for (;;) {
      if (job.route !== route || job.state !== "waiting") return;
      const own = this.reserveOwnStart();
      if (typeof own === "number") {
        await sleep(own);
        continue;
      }
      let verdict: [number, number];
      try {
        verdict = await this.passSharedGate(gen);
      } catch (err) {
        this.releaseOwnStart(own);
        this.degrade(gen, describeError(err));
        return;
      }
      if (job.route !== route || job.state !== "waiting") {
        this.releaseOwnStart(own);
        return;
      }
      const [kind, ms] = verdict;
      if (kind === GATE_OPEN) {
        own.at = Date.now();
        await this.run(job);
        return;
      }
      this.releaseOwnStart(own);
      if (kind === GATE_PAUSED) {
        // Give the slot back and wait outside Bottleneck: held slots would all start at once when the pause ends.
        this.notePause(Date.now() + ms);
        this.park(job);
        return;
      }
      if (kind !== GATE_WINDOW_FULL) throw new Error(`unexpected start gate answer ${kind}`);
      await sleep(Math.min(Math.max(ms, 1), 1_000));
    }
  }

  private async startHere(job: Job, route: number): Promise<void> {
    if (job.route !== route || job.state !== "waiting") return;
    await this.run(job);
  }

  /**
   * This instance's own starts also stay within the window, on its own record: after Redis loses
   * its keys (restart without persistence, FLUSHALL) the shared record of the last second is gone.
   */
  private reserveOwnStart(): { at: number } | number {
    const now = Date.now();
    this.ownStarts = this.ownStarts.filter((s) => s.at > now - this.windowMs);
    if (this.ownStarts.length >= this.windowCount) {
      return Math.min(...this.ownStarts.map((s) => s.at)) + this.windowMs - now + 1;
    }
    const slot = { at: now };
    this.ownStarts.push(slot);
    return slot;
  }

  private releaseOwnStart(slot: { at: number }): void {
    this.ownStarts = this.ownStarts.filter((s) => s !== slot);
  }

  private async run(job: Job): Promise<void> {
    job.state = "running";
    this.lastStartAt = Date.now();
    try {
      job.resolve(await job.task());
    } catch (err) {
      job.reject(err);
    } finally {
      job.state = "done";
      this.jobs.delete(job);
    }
  }

  private async passSharedGate(gen: Generation): Promise<[number, number]> {
    const member = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const reply = (await gen.client.eval(
      GATE_SCRIPT,
      2,
      this.startsKey,
      this.pauseKey,
      String(this.windowMs),
      String(this.windowCount),
      member,
    )) as [number, number];
    return [Number(reply[0]), Number(reply[1])];
  }

  // ---- pauses and holds ----

  private notePause(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.local?.pauseUntil(untilMs);
    if (this.parked.size > 0) this.armParkTimer();
  }

  private sharePause(gen: Generation, ms: number): void {
    gen.client.eval(PAUSE_SCRIPT, 1, this.pauseKey, String(Math.ceil(ms))).catch((err) => this.onGenerationError(gen, err));
  }

  private park(job: Job): void {
    this.parked.add(job);
    this.armParkTimer();
  }

  private armParkTimer(): void {
    clearTimeout(this.parkTimer);
    const wait = Math.max(this.pausedUntil, this.switchHoldUntil) - Date.now();
    this.parkTimer = setTimeout(() => this.releaseParked(), Math.max(0, wait));
  }

  private releaseParked(): void {
    if (Math.max(this.pausedUntil, this.switchHoldUntil) > Date.now()) {
      this.armParkTimer();
      return;
    }
    const jobs = [...this.parked];
    this.parked.clear();
    for (const job of byPriority(jobs)) this.dispatch(job);
  }

  /** Hand every job that has not started to whichever backend is current now. */
  private redispatchWaiting(): void {
    clearTimeout(this.parkTimer);
    this.parked.clear();
    const waiting = [...this.jobs].filter((j) => j.state === "waiting");
    for (const job of byPriority(waiting)) this.dispatch(job);
  }

  /**
   * Starts counted by one budget are invisible to the other; keep the two apart by a full window
   * so this instance never adds its fallback share on top of shared starts, or the reverse.
   */
  private holdForSwitch(): void {
    if (this.lastStartAt > 0) this.switchHoldUntil = Math.max(this.switchHoldUntil, this.lastStartAt + this.windowMs);
  }

  // ---- Redis lost and found ----

  private async openGeneration(): Promise<Generation> {
    const client = createRedisClient(this.url, "throttle");
    const connection = new Bottleneck.IORedisConnection({ client });
    const bottleneck = new Bottleneck({
      id: this.id,
      datastore: "ioredis",
      connection,
      clearDatastore: false,
      timeout: KEY_TTL_MS,
      // The heartbeat re-announces free capacity; after Redis loses its keys (or a missed pub/sub
      // message) it is what gets queued jobs moving again. Bottleneck's default is 5 s.
      heartbeatInterval: HEARTBEAT_MS,
      minTime: this.minTime,
      maxConcurrent: this.maxConcurrent,
    });
    const gen: Generation = { bottleneck, connection, client, retired: false };
    bottleneck.on("error", (err) => this.onGenerationError(gen, err));
    connection.on("error", (err) => this.onGenerationError(gen, err));
    client.on("close", () => {
      if (gen === this.gen) this.degrade(gen, "connection closed");
    });
    try {
      // A refused connection fails the attempt at once rather than at the timeout.
      const refused = new Promise<never>((_, reject) => client.once("error", reject));
      await withTimeout(Promise.race([bottleneck.ready(), refused]), CONNECT_TIMEOUT_MS, "connecting to Redis");
      // The first limiter to create the keys stores its settings for all; ours win, so a changed
      // COMPLIANCE_RATE_LIMIT_RPS takes effect when instances restart with it.
      await withTimeout(
        // Typed as void, but it returns the promise of the Redis write.
        bottleneck.updateSettings({ minTime: this.minTime, maxConcurrent: this.maxConcurrent }) as unknown as Promise<unknown>,
        REDIS_COMMAND_TIMEOUT_MS,
        "storing the limiter settings",
      );
      return gen;
    } catch (err) {
      this.retire(gen);
      throw err;
    }
  }

  private onGenerationError(gen: Generation, err: unknown): void {
    if (gen !== this.gen) return;
    // A clustered Bottleneck that reports an error may have left queued jobs with no one to drain
    // them; the local share keeps them moving until a fresh connection proves healthy.
    const reason = isRedisUnreachable(err) ? describeError(err) : `Bottleneck error: ${describeError(err)}`;
    this.degrade(gen, reason);
  }

  private degrade(gen: Generation | null, reason: string): void {
    if (this.stopped || gen !== this.gen || this.local) return;
    this.gen = null;
    if (gen) this.retire(gen);
    if (Date.now() - this.recoveredAt > STABLE_AFTER_MS) this.probeDelayMs = this.initialProbeDelayMs;
    this.holdForSwitch();
    this.local = createLocalLimiter({ rps: this.fallbackRps });
    if (this.pausedUntil > Date.now()) this.local.pauseUntil(this.pausedUntil);
    this.log(
      `Shared rate limiter unreachable (Redis at ${this.safeUrl}: ${reason}); this instance is limited to ${perSecond(this.fallbackRps)} until it returns.`,
    );
    this.announceFirstBackend();
    this.redispatchWaiting();
    this.scheduleProbe();
  }

  private recover(gen: Generation): void {
    if (this.stopped || this.gen) {
      this.retire(gen);
      return;
    }
    const old = this.local;
    this.local = null;
    this.gen = gen;
    this.recoveredAt = Date.now();
    if (old) {
      this.holdForSwitch();
      this.log(
        `Shared rate limiter reachable again (Redis at ${this.safeUrl}); all instances share ${perSecond(this.rps)} again.`,
      );
    }
    const pauseLeft = this.pausedUntil - Date.now();
    if (pauseLeft > 0) this.sharePause(gen, pauseLeft);
    this.announceFirstBackend();
    this.redispatchWaiting();
    // Jobs still inside the old local limiter were re-routed above and are no-ops there now.
    void old?.stop();
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    const delay = this.probeDelayMs;
    this.probeDelayMs = Math.min(this.probeDelayMs * 2, MAX_PROBE_DELAY_MS);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.stopped || this.gen) return;
      this.openGeneration().then(
        (gen) => this.recover(gen),
        () => this.scheduleProbe(),
      );
    }, delay);
    this.probeTimer.unref?.();
  }

  /** Drop a generation at once: its waiting jobs were re-routed, its sockets must stop reconnecting. */
  private retire(gen: Generation): void {
    if (gen.retired) return;
    gen.retired = true;
    gen.bottleneck.stop({ dropWaitingJobs: true }).catch(() => {});
    gen.connection.disconnect(false).catch(() => {});
  }

  private async closeGeneration(gen: Generation): Promise<void> {
    if (gen.retired) return;
    gen.retired = true;
    await withTimeout(gen.bottleneck.stop({ dropWaitingJobs: true }), 5_000, "stopping the limiter").catch(() => {});
    await withTimeout(gen.connection.disconnect(true), REDIS_COMMAND_TIMEOUT_MS, "closing Redis").catch(() =>
      gen.connection.disconnect(false).catch(() => {}),
    );
  }
}

function byPriority(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => BOTTLENECK_PRIORITY[a.priority] - BOTTLENECK_PRIORITY[b.priority]);
}

export function createRedisLimiter(opts: RedisLimiterOptions): RedisLimiter {
  return new RedisLimiter(opts);
}
