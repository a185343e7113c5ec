import "server-only";
import { config } from "@/lib/server/config";
import type { Limiter, LimiterStats, Priority } from "./limiter";
import { createLocalLimiter } from "./local-limiter";

/*
 * Picks the limiter for this process: Bottleneck's Redis clustering when REDIS_URL is set (one
 * budget for every instance), the in-process one otherwise. Callers get a Limiter at once; the
 * Redis one is loaded behind it (its module pulls in ioredis, which the in-process case never needs).
 */

export interface CreateLimiterOptions {
  rps: number;
  redisUrl?: string;
  /** Shared by every instance of one deployment: their starts count against one budget. */
  id?: string;
}

/** If the Redis limiter cannot even be built, this instance alone keeps to this share of the rate. */
export const FALLBACK_SHARE = 0.5;

export function limiterId(baseUrl: string): string {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // keep as given
  }
  return `compliance-directory:${host}`;
}

class DeferredLimiter implements Limiter {
  private target: Limiter | undefined;
  private readonly ready: Promise<Limiter>;
  private pendingPause = 0;

  constructor(
    load: () => Promise<Limiter>,
    private readonly rps: number,
  ) {
    this.ready = load().then((l) => {
      this.target = l;
      if (this.pendingPause > 0) l.pauseUntil(this.pendingPause);
      return l;
    });
  }

  schedule<T>(priority: Priority, task: () => Promise<T>): Promise<T> {
    return this.target ? this.target.schedule(priority, task) : this.ready.then((l) => l.schedule(priority, task));
  }

  pauseUntil(untilMs: number): void {
    if (this.target) this.target.pauseUntil(untilMs);
    else this.pendingPause = Math.max(this.pendingPause, untilMs);
  }

  stats(): LimiterStats {
    return this.target?.stats() ?? { mode: "redis", queued: 0, running: 0, rps: this.rps, notice: "Connecting the shared request throttle (Redis)." };
  }

  async stop(): Promise<void> {
    await (await this.ready).stop();
  }
}

export function createLimiter(opts?: CreateLimiterOptions): Limiter {
  const o = opts ?? (() => {
    const c = config();
    return { rps: c.rateLimitRps, redisUrl: c.redisUrl, id: limiterId(c.baseUrl) };
  })();
  if (!o.redisUrl) return createLocalLimiter({ rps: o.rps });

  const redisUrl = o.redisUrl;
  const id = o.id ?? "compliance-directory";
  return new DeferredLimiter(async () => {
    try {
      const { createRedisLimiter } = await import("./redis-limiter");
      return await createRedisLimiter({ redisUrl, rps: o.rps, id });
    } catch (e) {
      // The URL may hold a password: name the failure, never the URL.
      console.error(
        `[throttle] the Redis-backed limiter could not be started (${e instanceof Error ? e.message.replace(/redis(s)?:\/\/\S+/gi, "redis://…") : "unknown error"}); this instance keeps to ${FALLBACK_SHARE * 100}% of COMPLIANCE_RATE_LIMIT_RPS on its own.`,
      );
      const local = createLocalLimiter({ rps: o.rps * FALLBACK_SHARE });
      return {
        schedule: (p, t) => local.schedule(p, t),
        pauseUntil: (ms) => local.pauseUntil(ms),
        stop: () => local.stop(),
        stats: () => ({
          ...local.stats(),
          mode: "redis-degraded",
          notice: local.stats().notice ?? "The shared request throttle (Redis) is unavailable; this instance runs at a reduced rate.",
        }),
      } satisfies Limiter;
    }
  }, o.rps);
}
