import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type LogEntry, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { createLocalLimiter, maxConcurrentFor, type LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient } from "@/lib/server/upstream/client";
import { answerOf } from "@/lib/server/upstream/endpoints";
import { walkAll, walkList } from "@/lib/server/upstream/walk";
import { createUpstreamCaching, type UpstreamCaching } from "./caching";

/*
 * The upstream client with this process's cache and single-flight, over real HTTP against the
 * simulator; its request log is the witness of what reached the "upstream".
 */

let sim: SimulatorHandle;
const limiters: LocalLimiter[] = [];
const cachings: UpstreamCaching[] = [];

function client(rps = 20, ttlSeconds = 300): UpstreamClient {
  const limiter = createLocalLimiter({ rps });
  limiters.push(limiter);
  const caching = createUpstreamCaching({ ttlSeconds, baseUrl: sim.url, accessKey: SIM_KEYS.full });
  cachings.push(caching);
  return createUpstreamClient({
    baseUrl: sim.url,
    accessKey: SIM_KEYS.full,
    limiter,
    timeoutMs: 10_000,
    cache: caching.cache,
    singleFlight: caching.singleFlight,
  });
}

const apiCalls = (): LogEntry[] => sim.log().filter((e) => e.path.startsWith("/v1/"));

beforeAll(async () => {
  // Enough organizations that walking all their users queues dozens of bulk pages at once.
  sim = await startSimulator({ port: 0, seed: "cache-client", orgUserCounts: Array(24).fill(2_000), groups: 4, ratePerMinute: 60_000 });
});

afterAll(async () => {
  await Promise.all(limiters.map((l) => l.stop()));
  await Promise.all(cachings.map((c) => c.close()));
  await sim?.close();
});

beforeEach(() => sim.clearLog());

describe("single-flight and cache in front of the upstream", () => {
  it("20 concurrent identical requests cost one upstream call, and all 20 get the answer", async () => {
    const c = client();
    const org = sim.directory.organizations[0]!.uuid;
    const answers = await Promise.all(Array.from({ length: 20 }, () => answerOf({ endpoint: "organizationUsers", orgUuid: org, query: { limit: 1000 } }, { client: c })));
    expect(apiCalls()).toHaveLength(1);
    const expected = sim.directory.usersOf(org).slice(0, 1000).map((u) => u.id);
    for (const a of answers) expect(a.data.data.map((u) => u.id)).toEqual(expected);
  });

  it("a second identical request within the TTL costs no upstream call and says when the data was fetched", async () => {
    const c = client();
    const org = sim.directory.organizations[1]!.uuid;
    const first = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    const second = await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    expect(apiCalls()).toHaveLength(1);
    expect(first.fromCache).toBeUndefined();
    expect(second.fromCache).toBe(true);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(second.data).toEqual(first.data);
  });

  it("a refresh (fresh) goes to the upstream, and what it brings back is what the next request gets", async () => {
    const c = client();
    const org = sim.directory.organizations[2]!.uuid;
    const first = await answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, { client: c });
    const refreshed = await answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, { client: c, fresh: true });
    expect(apiCalls()).toHaveLength(2);
    expect(refreshed.fromCache).toBeUndefined();
    expect(refreshed.fetchedAt).toBeGreaterThanOrEqual(first.fetchedAt);
    const after = await answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, { client: c });
    expect(apiCalls()).toHaveLength(2);
    expect(after.fetchedAt).toBe(refreshed.fetchedAt);
  });

  it("an answer fetched not to be kept (a sync's) adds nothing to the cache, but refreshes what it holds", async () => {
    const c = client();
    const org = sim.directory.organizations[4]!.uuid;
    const roles = { endpoint: "roles" as const, orgUuid: org, query: { limit: 1000 } };
    const synced = await answerOf(roles, { client: c, fresh: true, keep: false });
    expect(synced.fromCache).toBeUndefined();
    // Not added: the next request goes to the upstream (and is kept).
    const next = await answerOf(roles, { client: c });
    expect(next.fromCache).toBeUndefined();
    expect(apiCalls()).toHaveLength(2);
    // Held already: a sync's newer answer replaces it, so an officer's page is never older than the store.
    await new Promise((r) => setTimeout(r, 5));
    const refreshed = await answerOf(roles, { client: c, fresh: true, keep: false });
    expect(refreshed.fetchedAt).toBeGreaterThan(next.fetchedAt);
    const after = await answerOf(roles, { client: c });
    expect(after.fromCache).toBe(true);
    expect(after.fetchedAt).toBe(refreshed.fetchedAt);
    expect(apiCalls()).toHaveLength(3);
  });

  it("a whole walk repeated within the TTL reuses every page instead of walking again", async () => {
    const c = client();
    const org = sim.directory.organizations[3]!.uuid;
    const first = await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: org }, { client: c }));
    const calls = apiCalls().length;
    expect(calls).toBe(2);
    const again = await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: org }, { client: c }));
    expect(apiCalls()).toHaveLength(calls);
    expect(again.map((u) => u.id)).toEqual(first.map((u) => u.id));
  });

  it("with COMPLIANCE_CACHE_TTL_SECONDS=0 nothing is cached, but concurrent identical requests still share one call", async () => {
    const c = client(20, 0);
    const org = sim.directory.organizations[4]!.uuid;
    await Promise.all(Array.from({ length: 5 }, () => answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c })));
    expect(apiCalls()).toHaveLength(1);
    await answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, { client: c });
    expect(apiCalls()).toHaveLength(2);
  });
});

describe("priorities", () => {
  it("an officer's page load goes ahead of a bulk walk already queued: it reaches the upstream before most remaining bulk pages", async () => {
    const rps = 12;
    const c = client(rps);
    const orgs = sim.directory.organizations.slice(5).map((o) => o.uuid);
    const bulk = { priority: "bulk" as const, fresh: true, client: c };
    // A whole-directory walk's worth of bulk work at once: every organization's users, roles and settings.
    const work = Promise.all([
      ...orgs.map((org) => walkAll(walkList({ endpoint: "organizationUsers", orgUuid: org }, bulk))),
      ...orgs.map((org) => answerOf({ endpoint: "roles", orgUuid: org, query: { limit: 1000 } }, bulk)),
      ...orgs.map((org) => answerOf({ endpoint: "organizationSettings", orgUuid: org, query: {} }, bulk)),
    ]);
    const totalBulk = orgs.length * 4; // two users pages (2,000 users at limit=1000), roles, settings
    // The officer arrives while the walk is well under way (Bottleneck has taken in the whole burst).
    while (apiCalls().length < 2 * maxConcurrentFor(rps)) await new Promise((r) => setTimeout(r, 10));
    const bulkDoneWhenAsked = apiCalls().length;
    const target = sim.directory.organizations[0]!.uuid;
    await answerOf({ endpoint: "organizationSettings", orgUuid: target, query: {} }, { client: c, priority: "interactive", fresh: true });
    await work;

    const log = apiCalls();
    expect(log).toHaveLength(totalBulk + 1);
    const at = log.findIndex((e) => e.path === `/v1/compliance/organizations/${target}/settings`);
    expect(at).toBeGreaterThan(-1);
    const remainingWhenAsked = totalBulk - bulkDoneWhenAsked;
    const bulkAfter = log.length - 1 - at;
    expect(bulkAfter).toBeGreaterThan(remainingWhenAsked / 2);
  });
});
