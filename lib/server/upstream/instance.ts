import "server-only";
import { createUpstreamCaching, type UpstreamCaching } from "@/lib/server/cache/caching";
import { config } from "@/lib/server/config";
import { createLimiter } from "@/lib/server/throttle/create-limiter";
import { createUpstreamClient, type UpstreamClient } from "./client";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";

/*
 * The process-wide upstream client, its limiter, cache and single-flight, built from configuration
 * on first use. Kept on globalThis: in development, hot reload re-evaluates modules, and a second
 * limiter would double the request rate (and a second cache halve its use).
 */

const SLOT = Symbol.for("compliance-directory.upstream");
const CACHING_SLOT = Symbol.for("compliance-directory.upstream-caching");
type Holder = { [SLOT]?: UpstreamClient; [CACHING_SLOT]?: UpstreamCaching };

/** The cache and single-flight behind the process-wide client (stats, tests). */
export function upstreamCaching(): UpstreamCaching {
  const g = globalThis as Holder;
  if (!g[CACHING_SLOT]) {
    const c = config();
    g[CACHING_SLOT] = createUpstreamCaching({
      ttlSeconds: c.cacheTtlSeconds,
      redisUrl: c.redisUrl,
      baseUrl: c.baseUrl,
      accessKey: c.accessKey,
    });
  }
  return g[CACHING_SLOT];
}

export function upstream(): UpstreamClient {
  const g = globalThis as Holder;
  if (!g[SLOT]) {
    const c = config();
    const caching = upstreamCaching();
    g[SLOT] = createUpstreamClient({
      baseUrl: c.baseUrl,
      accessKey: c.accessKey,
      limiter: createLimiter(),
      timeoutMs: c.requestTimeoutMs,
      ...(c.maxRetries !== undefined ? { retry: retryCaps(c.maxRetries) } : {}),
      cache: caching.cache,
      singleFlight: caching.singleFlight,
    });
  }
  return g[SLOT];
}

/** COMPLIANCE_MAX_RETRIES caps every retry class (never raises one above the default policy). */
function retryCaps(maxRetries: number): Partial<RetryPolicy> {
  return {
    maxAttempts: Math.min(DEFAULT_RETRY_POLICY.maxAttempts, maxRetries + 1),
    maxServerErrorAttempts: Math.min(DEFAULT_RETRY_POLICY.maxServerErrorAttempts, maxRetries + 1),
    maxRateLimitAttempts: Math.min(DEFAULT_RETRY_POLICY.maxRateLimitAttempts, maxRetries + 1),
  };
}
