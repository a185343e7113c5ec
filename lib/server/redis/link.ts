import "server-only";
import type Redis from "ioredis";
import { createRedisClient, describeRedisError, isRedisUnreachable } from "./client";
import { redactRedisUrl } from "./redact-url";

/*
 * One subsystem's connection to Redis (the shared cache's, the shared limiter's) and whether it
 * can be used right now. ioredis reconnects by itself after a closed socket ("ready" again); a
 * Redis that hangs with the socket open (paused, partitioned) only shows as commands timing out,
 * so after any such failure the owner stops using it and the link PINGs it in the background,
 * with a backoff, until it answers. Each outage is logged once when it starts and once when it
 * ends, in the owner's words; the owner switches to its own fallback on `onDown` and back on `onUp`.
 */

export type LinkState = "connecting" | "up" | "down";

export interface RedisLinkOptions {
  url: string;
  /** Names the connection in Redis's CLIENT LIST. */
  purpose: string;
  /** The subsystem as the log lines name it ("Shared cache"). */
  name: string;
  /** The end of the outage's log line: what this instance does until Redis returns. */
  whileDown: string;
  /** The end of the recovery's log line. */
  whenBack: string;
  /** Where the two log lines go (never with the URL's credentials). */
  log: (line: string) => void;
  /**
   * Runs each time Redis answers (first connection, after an outage) before the link counts as up;
   * a rejection keeps it down (the limiter joins Bottleneck's cluster here).
   */
  prepare?: () => Promise<void>;
  onDown?: (reason: string) => void;
  onUp?: () => void;
  /** First delay between attempts to reach Redis again; doubles to 5 s. */
  firstProbeDelayMs?: number;
}

const MAX_PROBE_DELAY_MS = 5_000;
/** A Redis that neither answers nor refuses this long after start-up counts as unreachable. */
const FIRST_CONNECT_WAIT_MS = 3_000;
/** An outage after this long up starts the probe backoff afresh; a flapping Redis keeps it long. */
const STABLE_AFTER_MS = 60_000;

export class RedisLink {
  readonly client: Redis;
  private readonly safeUrl: string;
  private state: LinkState = "connecting";
  private wasDown = false;
  private preparing = false;
  private upAt = 0;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly firstConnectTimer: ReturnType<typeof setTimeout>;
  private probeDelayMs: number;
  private readonly firstProbeDelayMs: number;
  private closed = false;
  private readonly settled: Promise<void>;
  private settle!: () => void;

  constructor(private readonly opts: RedisLinkOptions) {
    this.client = createRedisClient(opts.url, opts.purpose);
    this.safeUrl = redactRedisUrl(opts.url);
    this.firstProbeDelayMs = opts.firstProbeDelayMs ?? 500;
    this.probeDelayMs = this.firstProbeDelayMs;
    this.settled = new Promise((resolve) => (this.settle = resolve));
    this.client.on("ready", () => void this.comeUp());
    this.client.on("close", () => this.markDown("connection closed"));
    this.firstConnectTimer = setTimeout(() => {
      if (this.state === "connecting") this.markDown(`no answer within ${FIRST_CONNECT_WAIT_MS / 1000} s`);
    }, FIRST_CONNECT_WAIT_MS);
    this.firstConnectTimer.unref?.();
  }

  usable(): boolean {
    return this.state === "up";
  }

  current(): LinkState {
    return this.state;
  }

  /** Resolves once the first connection attempt has succeeded or failed (within a few seconds). */
  whenSettled(): Promise<void> {
    return this.settled;
  }

  /** A command failed: if Redis is unreachable, stop using it until a probe says otherwise. */
  report(err: unknown): void {
    if (isRedisUnreachable(err)) this.markDown(describeRedisError(err));
  }

  /** The owner cannot use Redis (whatever the error): stop until a probe says otherwise. */
  fail(reason: string): void {
    this.markDown(reason);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
    clearTimeout(this.firstConnectTimer);
    this.settle();
    this.client.disconnect(false);
  }

  private async comeUp(): Promise<void> {
    if (this.closed || this.state === "up" || this.preparing) return;
    this.preparing = true;
    try {
      await this.opts.prepare?.();
    } catch (err) {
      this.preparing = false;
      this.markDown(describeRedisError(err));
      return;
    }
    this.preparing = false;
    this.markUp();
  }

  private markUp(): void {
    if (this.closed || this.state === "up") return;
    this.state = "up";
    this.upAt = Date.now();
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    if (this.wasDown) {
      this.wasDown = false;
      this.opts.log(`${this.opts.name} reachable again (Redis at ${this.safeUrl}); ${this.opts.whenBack}`);
    }
    this.opts.onUp?.();
    this.settle();
  }

  private markDown(reason: string): void {
    if (this.closed) return;
    if (this.state !== "down") {
      this.state = "down";
      if (Date.now() - this.upAt > STABLE_AFTER_MS) this.probeDelayMs = this.firstProbeDelayMs;
      if (!this.wasDown) {
        this.wasDown = true;
        this.opts.log(`${this.opts.name} unreachable (Redis at ${this.safeUrl}: ${reason}); ${this.opts.whileDown}`);
      }
      this.opts.onDown?.(reason);
      this.settle();
    }
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.closed || this.probeTimer) return;
    const delay = this.probeDelayMs;
    this.probeDelayMs = Math.min(this.probeDelayMs * 2, MAX_PROBE_DELAY_MS);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.closed || this.state === "up") return;
      // While the socket is down ioredis refuses at once (no offline queue); "ready" will follow.
      this.client.ping().then(
        () => this.comeUp(),
        () => this.scheduleProbe(),
      );
    }, delay);
    this.probeTimer.unref?.();
  }
}
