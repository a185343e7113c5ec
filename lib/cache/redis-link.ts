import "server-only";
import type Redis from "ioredis";
import { isRedisUnreachable } from "@/lib/redis/client";

/*
 * Whether the shared cache's Redis can be used right now. ioredis reconnects by itself after a
 * closed socket ("ready" again); a Redis that hangs with the socket open (paused, partitioned)
 * only shows as commands timing out, so after any such failure we stop using it and PING it in
 * the background until it answers. Each outage is logged once when it starts and once when it ends.
 */

export type LinkState = "connecting" | "up" | "down";

export interface RedisLinkOptions {
  client: Redis;
  /** The URL without credentials (lib/redis/redact-url.ts), for log lines. */
  safeUrl: string;
  log: (line: string) => void;
  /** Called each time Redis becomes usable again after an outage. */
  onRecover?: () => void;
  firstProbeDelayMs?: number;
}

const MAX_PROBE_DELAY_MS = 5_000;
/** How long the first request waits for the first connection before going on without Redis. */
const FIRST_CONNECT_WAIT_MS = 3_000;

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

export class RedisLink {
  readonly client: Redis;
  private state: LinkState = "connecting";
  private wasDown = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probeDelayMs: number;
  private readonly firstProbeDelayMs: number;
  private closed = false;
  private readonly settled: Promise<void>;
  private settle!: () => void;

  constructor(private readonly opts: RedisLinkOptions) {
    this.client = opts.client;
    this.firstProbeDelayMs = opts.firstProbeDelayMs ?? 500;
    this.probeDelayMs = this.firstProbeDelayMs;
    this.settled = new Promise((resolve) => (this.settle = resolve));
    if (this.client.status === "ready") this.markUp();
    this.client.on("ready", () => this.markUp());
    this.client.on("close", () => this.markDown("connection closed"));
  }

  usable(): boolean {
    return this.state === "up";
  }

  current(): LinkState {
    return this.state;
  }

  /** Resolves once the first connection attempt has succeeded or failed (bounded). */
  async whenSettled(): Promise<void> {
    if (this.state !== "connecting") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.settled, new Promise<void>((r) => (timer = setTimeout(r, FIRST_CONNECT_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** A command failed: if Redis is unreachable, stop using it until a probe says otherwise. */
  report(err: unknown): void {
    if (isRedisUnreachable(err)) this.markDown(describe(err));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
    this.client.disconnect(false);
  }

  private markUp(): void {
    if (this.closed || this.state === "up") return;
    this.state = "up";
    this.probeDelayMs = this.firstProbeDelayMs;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.settle();
    if (this.wasDown) {
      this.wasDown = false;
      this.opts.log(`Shared cache reachable again (Redis at ${this.opts.safeUrl}); cached answers and in-flight requests are shared by all instances again.`);
      this.opts.onRecover?.();
    }
  }

  private markDown(reason: string): void {
    if (this.closed || this.state === "down") return;
    this.state = "down";
    this.settle();
    if (!this.wasDown) {
      this.wasDown = true;
      this.opts.log(
        `Shared cache unreachable (Redis at ${this.opts.safeUrl}: ${reason}); this instance caches and de-duplicates upstream requests on its own until it returns.`,
      );
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
        () => this.markUp(),
        () => this.scheduleProbe(),
      );
    }, delay);
    this.probeTimer.unref?.();
  }
}
