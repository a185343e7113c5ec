import Redis from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type LogEntry, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { redisServerMissing, startRedisServer, type RedisServer } from "@/lib/tools/testing/redis-server";
import { createLocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, requestKey, type UpstreamClient } from "@/lib/server/upstream/client";
import { answerOf, upstreamRequest } from "@/lib/server/upstream/endpoints";
import { UpstreamError } from "@/lib/server/upstream/errors";
import { createUpstreamCaching, type UpstreamCaching, type UpstreamCachingOptions } from "./caching";
import { cacheNamespace } from "./namespace";

/*
 * The shared cache and single-flight against a real redis-server (Debian's 7.x in CI) and the
 * simulator over HTTP. Each "instance" here has its own Redis connection, its own in-process
 * flights and its own limiter, as two app processes would; lib/server/upstream/multi-instance.test.ts
 * runs two real app processes.
 */

const missing = redisServerMissing();
const suite = missing && !process.env.CI ? describe.skip : describe;
const title = missing && !process.env.CI ? `shared cache (skipped: ${missing})` : "shared cache and single-flight through Redis";

let sim: SimulatorHandle;
let redis: RedisServer;
let admin: Redis;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

interface Instance {
  client: UpstreamClient;
  caching: UpstreamCaching;
  logLines: string[];
}

async function instance(over: Partial<UpstreamCachingOptions> = {}): Promise<Instance> {
  const logLines: string[] = [];
  const caching = createUpstreamCaching({
    ttlSeconds: 300,
    redisUrl: redis.url,
    baseUrl: sim.url,
    accessKey: SIM_KEYS.full,
    log: (line) => logLines.push(line),
    firstProbeDelayMs: 100,
    ...over,
  });
  const limiter = createLocalLimiter({ rps: 20 });
  cleanups.push(() => limiter.stop(), () => caching.close());
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: SIM_KEYS.full, limiter, timeoutMs: 10_000, cache: caching.cache, singleFlight: caching.singleFlight });
  const shared = await caching.ready();
  await shared?.link.whenSettled();
  return { client, caching, logLines };
}

const apiCalls = (): LogEntry[] => sim.log().filter((e) => e.path.startsWith("/v1/"));

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  if (missing && !process.env.CI) return;
  sim = await startSimulator({ port: 0, seed: "cache-redis", orgs: 6, users: 3_000, groups: 6, ratePerMinute: 60_000 });
  redis = await startRedisServer();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
  admin.on("error", () => {});
});

afterAll(async () => {
  admin?.disconnect();
  await redis?.close();
  await sim?.close();
});

beforeEach(() => sim?.clearLog());

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  if (admin && redis) {
    if (admin.status !== "ready") await admin.connect().catch(() => {});
    await admin.flushall().catch(() => {});
  }
});

suite(title, () => {
  it("20 concurrent identical requests spread over two instances cost one upstream call", async () => {
    const [a, b] = [await instance(), await instance()];
    const org = sim.directory.organizations[0]!.uuid;
    const ask = (i: Instance) => answerOf({ endpoint: "organizationUsers", orgUuid: org, query: { limit: 1000 } }, { client: i.client });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => ask(k % 2 ? a : b)));
    expect(apiCalls()).toHaveLength(1);
    // One instance held the flight; the other took its answer through Redis.
    const flights = await Promise.all([a, b].map(async (i) => (await i.caching.ready())!.singleFlight.counters));
    expect(flights.map((f) => f.led).sort()).toEqual([0, 1]);
    expect(flights.map((f) => f.followed).sort()).toEqual([0, 1]);
    const expected = sim.directory.usersOf(org).slice(0, 1000).map((u) => u.id);
    for (const x of answers) expect(x.data.data.map((u) => u.id)).toEqual(expected);
  });

  it("an answer cached by one instance is served by the other within the TTL; a refresh there calls the upstream", async () => {
    const [a, b] = [await instance(), await instance()];
    const org = sim.directory.organizations[1]!.uuid;
    const first = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: a.client });
    const second = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: b.client });
    expect(apiCalls()).toHaveLength(1);
    expect(second.fromCache).toBe(true);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(second.data).toEqual(first.data);
    const refreshed = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: b.client, fresh: true });
    expect(apiCalls()).toHaveLength(2);
    expect(refreshed.fromCache).toBeUndefined();
    expect((await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: a.client })).fetchedAt).toBe(refreshed.fetchedAt);
  });

  it("a sync's answer (not to be kept) adds nothing to Redis, but refreshes an answer another instance kept", async () => {
    const [a, b] = [await instance(), await instance()];
    const users = { endpoint: "organizationUsers" as const, orgUuid: sim.directory.organizations[4]!.uuid, query: { limit: 1000 } };
    await answerOf(users, { client: a.client, fresh: true, keep: false });
    const kept = await answerOf(users, { client: b.client });
    expect(kept.fromCache).toBeUndefined();
    expect(apiCalls()).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 5));
    const synced = await answerOf(users, { client: a.client, fresh: true, keep: false });
    expect(synced.fetchedAt).toBeGreaterThan(kept.fetchedAt);
    const after = await answerOf(users, { client: b.client });
    expect(after.fromCache).toBe(true);
    expect(after.fetchedAt).toBe(synced.fetchedAt);
    expect(apiCalls()).toHaveLength(3);
  });

  it("an instance that looked just before another stored the answer, and then leads the flight, does not call the upstream again", async () => {
    const [a, b] = [await instance(), await instance()];
    const org = sim.directory.organizations[5]!.uuid;
    await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: a.client });
    expect(apiCalls()).toHaveLength(1);
    // B's first look happened a moment before A stored it (a miss); by the time B leads the flight, it is there.
    let looks = 0;
    const late = {
      get: async (key: string, path: string) => (looks++ === 0 ? undefined : b.caching.cache!.get(key, path)),
      set: (key: string, path: string, answer: Parameters<NonNullable<UpstreamCaching["cache"]>["set"]>[2]) => b.caching.cache!.set(key, path, answer),
    };
    const limiter = createLocalLimiter({ rps: 20 });
    cleanups.push(() => limiter.stop());
    const c = createUpstreamClient({ baseUrl: sim.url, accessKey: SIM_KEYS.full, limiter, timeoutMs: 10_000, cache: late, singleFlight: b.caching.singleFlight });
    const got = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    expect(got.fromCache).toBe(true);
    expect(looks).toBe(2);
    expect(apiCalls()).toHaveLength(1);
  });

  it("stores answers with an expiry, under the deployment's prefix, and never the access key", async () => {
    const a = await instance();
    const org = sim.directory.organizations[2]!.uuid;
    await answerOf({ endpoint: "organizationUsers", orgUuid: org, query: { limit: 1000 } }, { client: a.client });
    await answerOf({ endpoint: "organizations", query: {} }, { client: a.client });
    const prefix = cacheNamespace(sim.url, SIM_KEYS.full);
    const keys = await admin.keys("*");
    const answers = keys.filter((k) => k.includes(":answer:"));
    expect(answers.sort()).toEqual(
      [requestKey(`/v1/compliance/organizations/${org}/users`, { limit: 1000 }), "/v1/compliance/organizations"].map((k) => `${prefix}:answer:${k}`).sort(),
    );
    for (const k of answers) {
      const ttl = await admin.pttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(4 * 300_000);
    }
    // The users page keeps the base TTL; the organization list is kept longer.
    expect(await admin.pttl(`${prefix}:answer:/v1/compliance/organizations`)).toBeGreaterThan(300_000);
    for (const k of keys) {
      expect(k).not.toContain(SIM_KEYS.full);
      const type = await admin.type(k);
      if (type === "string") expect(await admin.get(k)).not.toContain(SIM_KEYS.full);
    }
    // Another key (another parent organization) on the same Redis sees none of it.
    expect(cacheNamespace(sim.url, SIM_KEYS.orgDataOnly)).not.toBe(prefix);
  });

  it("an upstream error is shared too: 10 concurrent requests for an unknown group over two instances cost one call", async () => {
    const [a, b] = [await instance(), await instance()];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, k) => answerOf({ endpoint: "group", groupId: "rbac_group_missing", query: {} }, { client: (k % 2 ? a : b).client })),
    );
    expect(apiCalls()).toHaveLength(1);
    for (const o of outcomes) {
      expect(o.status).toBe("rejected");
      const err = (o as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).kind).toBe("not_found");
    }
  });

  /** Asks for organization `k`'s roles while another instance's lock on that flight stands for `holdMs`, and it never answers. */
  async function askPastHeldLock(i: Instance, k: number, holder: string, holdMs: number) {
    const req = { endpoint: "roles", orgUuid: sim.directory.organizations[k]!.uuid, query: { limit: 1000 } } as const;
    const r = upstreamRequest(req);
    await admin.set(`${cacheNamespace(sim.url, SIM_KEYS.full)}:flight:${requestKey(r.path, r.query)}`, holder, "PX", holdMs);
    return answerOf(req, { client: i.client });
  }

  it("when the instance holding the lock goes away without an answer, a waiting instance fetches it itself", async () => {
    // A crashed holder: its lock is there, it will never renew it or leave an answer.
    const got = await askPastHeldLock(await instance(), 3, "crashed-holder", 400);
    expect(got.data.data.length).toBeGreaterThan(0);
    expect(apiCalls()).toHaveLength(1);
  });

  it("a waiter does not wait past its bound for a holder that never finishes", async () => {
    const got = await askPastHeldLock(await instance({ flight: { maxWaitMs: 300 } }), 4, "stuck-holder", 60_000);
    expect(got.data.data.length).toBeGreaterThan(0);
    expect(apiCalls()).toHaveLength(1);
  });

  it("Redis stopped mid-way: requests keep succeeding from the instance's own cache, it says so once, and it shares again once Redis is back", async () => {
    const [a, b] = [await instance(), await instance()];
    const orgs = sim.directory.organizations.map((o) => o.uuid);
    await answerOf({ endpoint: "organizationSettings", orgUuid: orgs[0]!, query: {} }, { client: a.client });
    expect(apiCalls()).toHaveLength(1);

    await redis.kill();
    for (const org of orgs) {
      for (let k = 0; k < 3; k++) {
        const got = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: a.client });
        expect(got.data.organization_id).toBe(org);
      }
    }
    // In-process caching while Redis is away: one call per organization, however often asked.
    expect(apiCalls()).toHaveLength(1 + orgs.length);
    const down = a.logLines.filter((l) => /unreachable/.test(l));
    expect(down).toHaveLength(1);
    expect(down[0]).toMatch(/Shared cache unreachable \(Redis at redis:\/\/127\.0\.0\.1:\d+/);

    await redis.restart();
    await admin.connect().catch(() => {});
    const linkOf = async (i: Instance) => (await i.caching.ready())!.link;
    const [la, lb] = [await linkOf(a), await linkOf(b)];
    await waitFor(() => la.usable() && lb.usable(), "both instances to reach Redis again");
    expect(a.logLines.filter((l) => /reachable again/.test(l))).toHaveLength(1);
    expect(a.logLines.filter((l) => /unreachable/.test(l))).toHaveLength(1);

    sim.clearLog();
    const org = orgs[5]!;
    await Promise.all(Array.from({ length: 10 }, (_, k) => answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, { client: (k % 2 ? a : b).client })));
    expect(apiCalls()).toHaveLength(1);
    await answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, { client: b.client });
    expect(apiCalls()).toHaveLength(1);
  });

  it("a Redis that cannot be reached at start-up costs nothing but the log line: requests are answered", async () => {
    const lines: string[] = [];
    const caching = createUpstreamCaching({
      ttlSeconds: 300,
      redisUrl: "redis://127.0.0.1:1",
      baseUrl: sim.url,
      accessKey: SIM_KEYS.full,
      log: (l) => lines.push(l),
    });
    const limiter = createLocalLimiter({ rps: 20 });
    cleanups.push(() => limiter.stop(), () => caching.close());
    const c = createUpstreamClient({ baseUrl: sim.url, accessKey: SIM_KEYS.full, limiter, timeoutMs: 10_000, cache: caching.cache, singleFlight: caching.singleFlight });
    const org = sim.directory.organizations[0]!.uuid;
    await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    expect(apiCalls()).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/unreachable/);
    expect(caching.stats().mode).toBe("redis-degraded");
  });
});
