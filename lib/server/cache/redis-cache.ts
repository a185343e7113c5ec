import "server-only";
import type { RedisLink } from "@/lib/server/redis/link";
import { decodeAnswer, encodeAnswer } from "./answer-codec";
import type { CacheStats, MemoryCache } from "./memory-cache";
import type { TtlPolicy } from "./ttl-policy";
import type { RawAnswer, SetOptions, UpstreamCache } from "./upstream-cache";

/*
 * The upstream cache shared by every instance: one Redis string per request key, the answer as
 * JSON, expiring on its own (PX) when its TTL ends. While Redis cannot be reached the instance
 * falls back to its own in-process cache (empty at first), so requests never wait on a dead Redis
 * and never fail because of it.
 */

export interface RedisCacheOptions {
  link: RedisLink;
  /** The deployment's namespace (namespace.ts). */
  prefix: string;
  ttl: TtlPolicy;
  /** Used while Redis is unreachable; undefined: no caching then. */
  fallback?: MemoryCache;
  now?: () => number;
}

export class RedisCache implements UpstreamCache {
  private hits = 0;
  private misses = 0;
  private readonly now: () => number;

  constructor(private readonly opts: RedisCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  keyFor(requestKey: string): string {
    return `${this.opts.prefix}:answer:${requestKey}`;
  }

  async get(key: string, _path?: string): Promise<RawAnswer | undefined> {
    const { link } = this.opts;
    await link.whenSettled();
    if (!link.usable()) return this.opts.fallback?.read(key);
    let text: string | null;
    try {
      text = await link.client.get(this.keyFor(key));
    } catch (err) {
      link.report(err);
      return this.opts.fallback?.read(key);
    }
    const answer = text === null ? undefined : decodeAnswer(text);
    if (answer) this.hits++;
    else this.misses++;
    return answer;
  }

  async set(key: string, path: string, answer: RawAnswer, opts: SetOptions = {}): Promise<void> {
    const { link } = this.opts;
    const ttlMs = this.opts.ttl(path);
    if (!(ttlMs > 0)) return;
    // Freshness counts from when the upstream answered.
    const remaining = Math.min(answer.fetchedAt, this.now()) + ttlMs - this.now();
    if (remaining <= 0) return;
    if (!link.usable()) {
      this.opts.fallback?.write(key, path, answer, opts);
      return;
    }
    try {
      // XX: only where an answer is kept already.
      if (opts.refreshOnly) await link.client.set(this.keyFor(key), encodeAnswer(answer), "PX", Math.ceil(remaining), "XX");
      else await link.client.set(this.keyFor(key), encodeAnswer(answer), "PX", Math.ceil(remaining));
    } catch (err) {
      link.report(err);
      this.opts.fallback?.write(key, path, answer, opts);
    }
  }

  stats(): CacheStats {
    if (!this.opts.link.usable()) {
      const local = this.opts.fallback?.stats();
      return { ...(local ?? { hits: 0, misses: 0 }), mode: "redis-degraded" };
    }
    return { mode: "redis", hits: this.hits, misses: this.misses };
  }
}
