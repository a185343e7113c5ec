import "server-only";

/*
 * When and how long to wait before trying an upstream request again. Every retry is a new
 * request start and goes through the limiter again; these waits come on top of it.
 */

export interface RetryPolicy {
  /** Attempts in all for transient failures (502/503/504/529/408, network, timeout, cut-off body). */
  maxAttempts: number;
  /** Attempts in all for a 500 that is not marked `x-should-retry: false` and is not the org cap. */
  maxServerErrorAttempts: number;
  /** Attempts in all when the shared budget answers 429. */
  maxRateLimitAttempts: number;
  /** Full-jitter exponential backoff for transient failures: random(0, min(cap, base * 2^n)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429 without `retry-after` (API.md): 1 s doubling to 60 s. */
  rateLimitBaseMs: number;
  rateLimitMaxMs: number;
  /** No retry is started once this much time has passed since the first attempt. */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxServerErrorAttempts: 3,
  maxRateLimitAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  rateLimitBaseMs: 1000,
  rateLimitMaxMs: 60_000,
  maxTotalMs: 180_000,
};

/** `retry` counts from 1 (the first retry). */
export function transientDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** A 429 without `retry-after`: 1 s, 2 s, 4 s ... 60 s. */
export function rateLimitDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.rateLimitMaxMs, policy.rateLimitBaseMs * 2 ** (retry - 1));
}

export const TRANSIENT_STATUSES = new Set([408, 502, 503, 504, 529]);

export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
