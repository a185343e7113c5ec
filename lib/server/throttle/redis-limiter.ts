import "server-only";
import { describeRedisError, isRedisUnreachable } from "@/lib/server/redis/client";
import { RedisLink } from "@/lib/server/redis/link";
import type { Limiter, LimiterStats, Priority } from "./limiter";
import { BOTTLENECK_PRIORITY, WINDOW_MARGIN_MS, createLocalLimiter, maxConcurrentFor, minTimeFor } from "./local-limiter";
import { closeCluster, joinCluster, leaveCluster, type ClusterMembership } from "./redis-clustering";
import { StartGate } from "./start-gate";

/*
 * One upstream budget shared by every app instance. Each job goes through Bottleneck's Redis
 * clustering (redis-clustering.ts: spacing, priorities, concurrency across instances) and then
 * the start gate (start-gate.ts: the shared pause, at most `rps` actual starts a second).
 *
 * What this file adds is the fallback: when Redis cannot be reached (lib/server/redis/link.ts notices,
 * logs one line and probes until it returns), this instance switches to an in-process limiter at
 * `fallbackRps` (its safe share of the budget) and says so in stats(), and it rejoins the cluster
 * when Redis answers again. No job waits on a dead Redis: waiting jobs move to whichever backend is
 * current, and the caller's promise follows the task itself, never Bottleneck's bookkeeping.
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
  /**
   * Called when the gate has granted a start, before the start is handed to its task: what a busy
   * process does there (stall) is what tests do here.
   */
  onGranted?: () => void;
}

const DEFAULT_JOB_EXPIRATION_MS = 120_000;

/**
 * A grant is stamped on Redis's clock when the gate answers; a start handed to its task later than
 * this after the gate was asked (a stalled event loop, a slow Redis) goes out late next to other
 * instances' later starts, so the window is checked again as it stands. Half the window's margin.
 */
export const LATE_HAND_OVER_MS = WINDOW_MARGIN_MS / 2;
/** Grants in a row that may be checked again; past them (Redis itself answers this slowly) the margin has to do. */
const LATE_RECHECKS = 3;

interface Job {
  priority: Priority;
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  state: "waiting" | "running" | "done";
  /** Bumped on every hand-over; a backend holding an older number has lost the job and must not start it. */
  route: number;
}

function perSecond(rps: number): string {
  return `${rps} request${rps === 1 ? "" : "s"}/second`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RedisLimiter implements Limiter {
  private readonly id: string;
  private readonly rps: number;
  private readonly fallbackRps: number;
  private readonly minTime: number;
  private readonly maxConcurrent: number;
  private readonly jobExpirationMs: number;
  private readonly gate: StartGate;
  private readonly link: RedisLink;
  private readonly onGranted: (() => void) | undefined;

  /** Set while Redis serves us; `local` is set while degraded; neither while first connecting. */
  private member: ClusterMembership | null = null;
  /** Joined while the link was coming up, taken over once it is up. */
  private joined: ClusterMembership | null = null;
  private local: Limiter | null = null;
  private readonly jobs = new Set<Job>();
  private parked = new Set<Job>();
  private parkTimer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  /** After switching budgets, nothing starts until the old budget's last start has left the window. */
  private switchHoldUntil = 0;
  private lastStartAt = 0;
  private stopped = false;

  constructor(opts: RedisLimiterOptions) {
    if (!(opts.rps > 0)) throw new Error(`rate must be positive (got ${opts.rps})`);
    const fallbackRps = opts.fallbackRps ?? Math.min(1, opts.rps);
    if (!(fallbackRps > 0) || fallbackRps > opts.rps) {
      throw new Error(`the fallback rate must be positive and at most the shared rate (got ${fallbackRps})`);
    }
    this.id = opts.id;
    this.rps = opts.rps;
    this.fallbackRps = fallbackRps;
    this.minTime = minTimeFor(opts.rps);
    this.maxConcurrent = opts.maxConcurrent ?? maxConcurrentFor(opts.rps);
    this.jobExpirationMs = opts.jobExpirationMs ?? DEFAULT_JOB_EXPIRATION_MS;
    this.gate = new StartGate(opts.id, opts.rps);
    this.onGranted = opts.onGranted;
    this.link = new RedisLink({
      url: opts.redisUrl,
      purpose: "throttle",
      name: "Shared rate limiter",
      whileDown: `this instance is limited to ${perSecond(fallbackRps)} until it returns.`,
      whenBack: `all instances share ${perSecond(opts.rps)} again.`,
      log: opts.log ?? ((line) => console.warn(line)),
      prepare: () => this.join(),
      onUp: () => this.recover(),
      onDown: () => this.degrade(),
      firstProbeDelayMs: opts.probeDelayMs,
    });
  }

  /** Resolves once the limiter has either joined the cluster or fallen back to its own share. */
  ready(): Promise<void> {
    return this.link.whenSettled();
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
    if (this.member) this.sharePause(this.member, remaining);
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
    this.parked.clear();
    for (const job of this.jobs) {
      if (job.state !== "waiting") continue;
      job.state = "done";
      this.jobs.delete(job);
      job.reject(new Error("the upstream limiter has been stopped"));
    }
    const member = this.member;
    const local = this.local;
    this.member = null;
    this.local = null;
    if (this.joined) leaveCluster(this.joined);
    this.joined = null;
    await Promise.all([member ? closeCluster(member) : undefined, local?.stop()]);
    this.link.close();
  }

  // ---- routing jobs to a backend ----

  private dispatch(job: Job): void {
    const route = ++job.route;
    if (this.stopped || job.state !== "waiting") return;
    if (Math.max(this.pausedUntil, this.switchHoldUntil) > Date.now()) {
      this.park(job);
      return;
    }
    const member = this.member;
    if (member) {
      member.bottleneck
        .schedule({ priority: BOTTLENECK_PRIORITY[job.priority], expiration: this.jobExpirationMs }, () =>
          this.startInCluster(job, route, member),
        )
        .catch((err) => {
          // A job that already started settles through its task; only a refused wait matters here.
          if (job.route === route && job.state === "waiting") this.fail(member, describeRedisError(err));
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

  private async startInCluster(job: Job, route: number, member: ClusterMembership): Promise<void> {
    // The stamp of a grant this start missed (handed over late): the next ask replaces it.
    let missed: string | undefined;
    let lateGrants = 0;
    for (;;) {
      if (job.route !== route || job.state !== "waiting") return;
      const own = this.gate.reserveOwnStart();
      if (typeof own === "number") {
        await sleep(own);
        continue;
      }
      const askedAt = Date.now();
      let answer;
      try {
        answer = await this.gate.pass(this.link.client, missed);
        missed = undefined;
      } catch (err) {
        this.gate.releaseOwnStart(own);
        this.fail(member, describeRedisError(err));
        return;
      }
      if (job.route !== route || job.state !== "waiting") {
        this.gate.releaseOwnStart(own);
        return;
      }
      if (answer.kind === "open") {
        this.onGranted?.();
        // The upstream counts arrivals: a start going out now may not stand on a stamp from before a stall.
        const handedAt = Date.now();
        if (handedAt - askedAt > LATE_HAND_OVER_MS && ++lateGrants <= LATE_RECHECKS) {
          missed = answer.member;
          this.gate.releaseOwnStart(own);
          continue;
        }
        own.at = handedAt;
        await this.run(job);
        return;
      }
      this.gate.releaseOwnStart(own);
      if (answer.kind === "paused") {
        // Give the slot back and wait outside Bottleneck: held slots would all start at once when the pause ends.
        this.notePause(Date.now() + answer.ms);
        this.park(job);
        return;
      }
      await sleep(Math.min(Math.max(answer.ms, 1), 1_000));
    }
  }

  private async startHere(job: Job, route: number): Promise<void> {
    if (job.route !== route || job.state !== "waiting") return;
    await this.run(job);
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

  // ---- pauses and holds ----

  private notePause(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.local?.pauseUntil(untilMs);
    if (this.parked.size > 0) this.armParkTimer();
  }

  private sharePause(member: ClusterMembership, ms: number): void {
    this.gate.sharePause(this.link.client, ms).catch((err) => this.onClusterError(member, err));
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
    if (this.lastStartAt > 0) this.switchHoldUntil = Math.max(this.switchHoldUntil, this.lastStartAt + this.gate.windowMs);
  }

  // ---- Redis lost and found (the link decides; these switch the backend) ----

  /** Run by the link each time Redis answers: a fresh cluster membership, or the reason there is none. */
  private async join(): Promise<void> {
    const member = await joinCluster({
      client: this.link.client,
      id: this.id,
      minTime: this.minTime,
      maxConcurrent: this.maxConcurrent,
      onError: (m, err) => this.onClusterError(m, err),
    });
    if (this.stopped) {
      leaveCluster(member);
      throw new Error("the upstream limiter has been stopped");
    }
    if (this.joined) leaveCluster(this.joined);
    this.joined = member;
  }

  private onClusterError(member: ClusterMembership, err: unknown): void {
    // A clustered Bottleneck that reports an error may have left queued jobs with no one to drain
    // them; the local share keeps them moving until a fresh membership proves healthy.
    this.fail(member, isRedisUnreachable(err) ? describeRedisError(err) : `Bottleneck error: ${describeRedisError(err)}`);
  }

  private fail(member: ClusterMembership, reason: string): void {
    if (member === this.member) this.link.fail(reason);
  }

  private degrade(): void {
    if (this.stopped || this.local) return;
    const member = this.member;
    this.member = null;
    if (member) leaveCluster(member);
    this.holdForSwitch();
    this.local = createLocalLimiter({ rps: this.fallbackRps });
    if (this.pausedUntil > Date.now()) this.local.pauseUntil(this.pausedUntil);
    this.redispatchWaiting();
  }

  private recover(): void {
    const member = this.joined;
    this.joined = null;
    if (!member) return;
    if (this.stopped || this.member) {
      leaveCluster(member);
      return;
    }
    const old = this.local;
    this.local = null;
    this.member = member;
    if (old) this.holdForSwitch();
    const pauseLeft = this.pausedUntil - Date.now();
    if (pauseLeft > 0) this.sharePause(member, pauseLeft);
    this.redispatchWaiting();
    // Jobs still inside the old local limiter were re-routed above and are no-ops there now.
    void old?.stop();
  }
}

function byPriority(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => BOTTLENECK_PRIORITY[a.priority] - BOTTLENECK_PRIORITY[b.priority]);
}

export function createRedisLimiter(opts: RedisLimiterOptions): RedisLimiter {
  return new RedisLimiter(opts);
}
