import "server-only";
import { createSingleFlight, type SingleFlight } from "@/lib/server/upstream/single-flight";
import { createMemoryCache, type CacheStats, type MemoryCache } from "./memory-cache";
import type { RedisCaching } from "./redis-caching";
import { ttlPolicy } from "./ttl-policy";
import type { RawAnswer, SetOptions, UpstreamCache } from "./upstream-cache";

/*
 * The upstream client's cache and single-flight for this process, from configuration: in-process
 * without REDIS_URL; with it, shared by every instance through Redis, falling back to in-process
 * while Redis is away (lib/server/redis/link.ts says so in the log). COMPLIANCE_CACHE_TTL_SECONDS=0 turns
 * the cache off; identical concurrent requests are still shared.
 */

export interface UpstreamCachingOptions {
  /** COMPLIANCE_CACHE_TTL_SECONDS: the base of the per-resource TTLs (ttl-policy.ts). */
  ttlSeconds: number;
  redisUrl?: string;
  /** Both name the deployment's Redis namespace (hashed; the key is never stored). */
  baseUrl: string;
  accessKey: string;
  maxEntries?: number;
  maxBytes?: number;
  log?: (line: string) => void;
  /** Test overrides for the cross-instance single-flight. */
  flight?: { lockTtlMs?: number; maxWaitMs?: number; resultTtlMs?: number };
  firstProbeDelayMs?: number;
}

export interface UpstreamCaching {
  /** undefined when caching is off. */
  cache?: UpstreamCache;
  singleFlight: SingleFlight;
  stats(): CacheStats;
  /** Resolves once the Redis half is loaded (at once without Redis); for tests and stats. */
  ready(): Promise<RedisCaching | undefined>;
  close(): Promise<void>;
}

export function createUpstreamCaching(opts: UpstreamCachingOptions): UpstreamCaching {
  const ttl = ttlPolicy(opts.ttlSeconds);
  const memory: MemoryCache | undefined =
    opts.ttlSeconds > 0 ? createMemoryCache({ ttl, maxEntries: opts.maxEntries, maxBytes: opts.maxBytes }) : undefined;
  const local = createSingleFlight();
  const log = opts.log ?? ((line: string) => console.warn(`[cache] ${line}`));

  if (!opts.redisUrl) {
    return {
      cache: memory,
      singleFlight: local,
      stats: () => memory?.stats() ?? { mode: "memory", hits: 0, misses: 0 },
      ready: async () => undefined,
      close: async () => memory?.clear(),
    };
  }

  const redisUrl = opts.redisUrl;
  let loaded: RedisCaching | undefined;
  const shared: Promise<RedisCaching | undefined> = import("./redis-caching")
    .then((m) => {
      loaded = m.createRedisCaching({
        redisUrl,
        baseUrl: opts.baseUrl,
        accessKey: opts.accessKey,
        ttl,
        fallback: memory,
        local,
        log,
        flight: opts.flight,
        firstProbeDelayMs: opts.firstProbeDelayMs,
      });
      return loaded;
    })
    .catch((err: unknown) => {
      log(`the Redis-backed cache could not be started (${err instanceof Error ? err.message.replace(/rediss?:\/\/\S+/gi, "redis://…") : "unknown error"}); this instance caches on its own.`);
      return undefined;
    });

  const cache: UpstreamCache | undefined = memory && {
    async get(key: string): Promise<RawAnswer | undefined> {
      const s = await shared;
      return s?.cache ? s.cache.get(key) : memory.read(key);
    },
    async set(key: string, path: string, answer: RawAnswer, setOpts?: SetOptions): Promise<void> {
      const s = await shared;
      if (s?.cache) await s.cache.set(key, path, answer, setOpts);
      else memory.write(key, path, answer, setOpts);
    },
  };

  const singleFlight: SingleFlight = {
    size: () => local.size(),
    async run<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      const s = await shared;
      return (s?.singleFlight ?? local).run(key, fn, signal);
    },
  };

  return {
    cache,
    singleFlight,
    stats: () => loaded?.cache?.stats() ?? memory?.stats() ?? { mode: loaded?.link.usable() ? "redis" : "redis-degraded", hits: 0, misses: 0 },
    ready: () => shared,
    close: async () => {
      (await shared)?.close();
      memory?.clear();
    },
  };
}
