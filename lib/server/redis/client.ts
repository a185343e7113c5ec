import "server-only";
import Redis, { type RedisOptions } from "ioredis";

/*
 * ioredis connections for the shared limiter and cache (lib/server/redis/link.ts watches them). A Redis that
 * goes away must show up as a fast error, never as a request waiting forever: commands are not
 * queued while disconnected, each gets one retry and a timeout, and the socket reconnects in the
 * background with a capped backoff.
 */

export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

export function redisClientOptions(purpose: string): RedisOptions {
  return {
    connectionName: `compliance-directory:${purpose}`,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: REDIS_COMMAND_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // 100 ms, 200 ms, ... capped at 5 s; never give up (returning a number keeps retrying).
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 6), 5_000),
  };
}

export function createRedisClient(url: string, purpose: string, overrides: RedisOptions = {}): Redis {
  const client = new Redis(url, { ...redisClientOptions(purpose), ...overrides });
  // Without a listener ioredis prints every failed reconnect; owners watch "close"/"ready" instead.
  client.on("error", () => {});
  return client;
}

/** An error in a few words for a log line: its message, with the socket error code when the message lacks it. */
export function describeRedisError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/**
 * True when the error means "Redis cannot be reached right now" (socket closed or refused,
 * command timed out, retries spent), as opposed to Redis answering with an error reply.
 */
export function isRedisUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "ReplyError") return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code)) {
    return true;
  }
  return (
    err.name === "MaxRetriesPerRequestError" ||
    /Connection is closed|Stream isn't writeable|Command timed out|connect ETIMEDOUT|max retries per request/i.test(err.message)
  );
}
