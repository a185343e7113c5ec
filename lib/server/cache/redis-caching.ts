import "server-only";
import { RedisLink } from "@/lib/server/redis/link";
import type { SingleFlight } from "@/lib/server/upstream/single-flight";
import type { MemoryCache } from "./memory-cache";
import { cacheNamespace } from "./namespace";
import { RedisCache } from "./redis-cache";
import { RedisSingleFlight } from "./redis-single-flight";
import type { TtlPolicy } from "./ttl-policy";

/*
 * The Redis half of caching.ts, loaded only when REDIS_URL is set (so the in-process case never
 * loads ioredis): one connection shared by the cache and the cross-instance single-flight.
 */

export interface RedisCachingOptions {
  redisUrl: string;
  baseUrl: string;
  accessKey: string;
  ttl: TtlPolicy;
  /** undefined when caching is off (TTL 0): only single-flight is shared then. */
  fallback?: MemoryCache;
  local: SingleFlight;
  log: (line: string) => void;
  /** Overrides for tests. */
  flight?: { lockTtlMs?: number; maxWaitMs?: number; resultTtlMs?: number };
  firstProbeDelayMs?: number;
}

export interface RedisCaching {
  link: RedisLink;
  cache?: RedisCache;
  singleFlight: RedisSingleFlight;
  close(): Promise<void>;
}

export function createRedisCaching(opts: RedisCachingOptions): RedisCaching {
  const link = new RedisLink({
    url: opts.redisUrl,
    purpose: "cache",
    name: "Shared cache",
    whileDown: "this instance caches and de-duplicates upstream requests on its own until it returns.",
    whenBack: "cached answers and in-flight requests are shared by all instances again.",
    log: opts.log,
    // What this instance cached on its own while Redis was away is not wanted any more.
    onUp: () => opts.fallback?.clear(),
    firstProbeDelayMs: opts.firstProbeDelayMs,
  });
  const prefix = cacheNamespace(opts.baseUrl, opts.accessKey);
  const cache = opts.fallback ? new RedisCache({ link, prefix, ttl: opts.ttl, fallback: opts.fallback }) : undefined;
  const singleFlight = new RedisSingleFlight({ link, prefix, local: opts.local, ...opts.flight });
  return {
    link,
    cache,
    singleFlight,
    close: async () => link.close(),
  };
}
