import "server-only";
import Bottleneck from "bottleneck";
import type Redis from "ioredis";
import { REDIS_COMMAND_TIMEOUT_MS } from "@/lib/server/redis/client";

/*
 * Bottleneck's own Redis clustering: one shared `id`, `minTime` spacing and priorities for every
 * instance (ioredis datastore). Bottleneck 2.19.5 needs patches/bottleneck+2.19.5.patch on Redis 7,
 * or it never recovers once Redis loses its keys (FACTS.md). A cluster membership is joined on
 * its own pair of sockets and thrown away whole after an outage; the next one starts clean.
 */

export interface ClusterOptions {
  /** The link's client; the membership opens its own connections like it. */
  client: Redis;
  id: string;
  minTime: number;
  maxConcurrent: number;
  /** Any error of Bottleneck or its connections, with the membership it concerns. */
  onError: (membership: ClusterMembership, err: unknown) => void;
}

export interface ClusterMembership {
  bottleneck: Bottleneck;
  connection: Bottleneck.IORedisConnection;
  left: boolean;
}

/** Bottleneck's keys vanish after this long without activity: instances long gone leave nothing behind. */
const KEY_TTL_MS = 15 * 60_000;
const CONNECT_TIMEOUT_MS = 3_000;
const HEARTBEAT_MS = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function joinCluster(opts: ClusterOptions): Promise<ClusterMembership> {
  const client = opts.client.duplicate();
  const connection = new Bottleneck.IORedisConnection({ client });
  const bottleneck = new Bottleneck({
    id: opts.id,
    datastore: "ioredis",
    connection,
    clearDatastore: false,
    timeout: KEY_TTL_MS,
    // The heartbeat re-announces free capacity; after Redis loses its keys (or a missed pub/sub
    // message) it is what gets queued jobs moving again. Bottleneck's default is 5 s.
    heartbeatInterval: HEARTBEAT_MS,
    minTime: opts.minTime,
    maxConcurrent: opts.maxConcurrent,
  });
  const membership: ClusterMembership = { bottleneck, connection, left: false };
  bottleneck.on("error", (err) => opts.onError(membership, err));
  connection.on("error", (err) => opts.onError(membership, err));
  client.on("close", () => opts.onError(membership, new Error("Connection is closed.")));
  try {
    // A refused connection fails the attempt at once rather than at the timeout.
    const refused = new Promise<never>((_, reject) => client.once("error", reject));
    await withTimeout(Promise.race([bottleneck.ready(), refused]), CONNECT_TIMEOUT_MS, "connecting to Redis");
    // The first limiter to create the keys stores its settings for all; ours win, so a changed
    // COMPLIANCE_RATE_LIMIT_RPS takes effect when instances restart with it.
    await withTimeout(
      // Typed as void, but it returns the promise of the Redis write.
      bottleneck.updateSettings({ minTime: opts.minTime, maxConcurrent: opts.maxConcurrent }) as unknown as Promise<unknown>,
      REDIS_COMMAND_TIMEOUT_MS,
      "storing the limiter settings",
    );
    return membership;
  } catch (err) {
    leaveCluster(membership);
    throw err;
  }
}

/** Drops a membership at once: its waiting jobs were re-routed, its sockets must stop reconnecting. */
export function leaveCluster(m: ClusterMembership): void {
  if (m.left) return;
  m.left = true;
  m.bottleneck.stop({ dropWaitingJobs: true }).catch(() => {});
  m.connection.disconnect(false).catch(() => {});
}

/** Leaves on shutdown, letting Bottleneck write its last state first (bounded). */
export async function closeCluster(m: ClusterMembership): Promise<void> {
  if (m.left) return;
  m.left = true;
  await withTimeout(m.bottleneck.stop({ dropWaitingJobs: true }), 5_000, "stopping the limiter").catch(() => {});
  await withTimeout(m.connection.disconnect(true), REDIS_COMMAND_TIMEOUT_MS, "closing Redis").catch(() =>
    m.connection.disconnect(false).catch(() => {}),
  );
}
