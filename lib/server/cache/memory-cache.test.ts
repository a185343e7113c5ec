import { describe, expect, it } from "vitest";
import { createMemoryCache } from "./memory-cache";
import { cacheTtlMs, resourceOf, ttlPolicy } from "./ttl-policy";

/*
 * The in-process cache's rules on a clock the test moves: freshness per resource, the fetch time
 * kept with each answer, and the bounds (entries, bytes, least recently used out first).
 */

const ORG = "0b8f3c1e-0000-4000-8000-000000000001";
const USERS = `/v1/compliance/organizations/${ORG}/users`;
const ORGS = "/v1/compliance/organizations";
const SETTINGS = `/v1/compliance/organizations/${ORG}/settings`;

function clock(start = 1_750_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const answer = (body: unknown, fetchedAt: number, requestId = "req_1") => ({ body, fetchedAt, requestId });

describe("per-resource freshness", () => {
  it("people lists keep the configured TTL; organizations and settings are kept longer; 0 keeps nothing", () => {
    expect(resourceOf(USERS)).toBe("users");
    expect(resourceOf(`/v1/compliance/groups/rbac_group_1/members`)).toBe("members");
    expect(resourceOf(ORGS)).toBe("organizations");
    expect(resourceOf(SETTINGS)).toBe("settings");
    expect(resourceOf(`/v1/compliance/organizations/${ORG}/roles/rbac_role_1/permissions`)).toBe("permissions");
    expect(resourceOf(`/v1/compliance/organizations/${ORG}/roles/rbac_role_1`)).toBe("roles");
    expect(resourceOf(`/v1/compliance/groups/rbac_group_1`)).toBe("groups");
    expect(cacheTtlMs(USERS, 300)).toBe(300_000);
    expect(cacheTtlMs(ORGS, 300)).toBeGreaterThan(300_000);
    expect(cacheTtlMs(SETTINGS, 300)).toBeGreaterThan(300_000);
    expect(cacheTtlMs(ORGS, 0)).toBe(0);
  });
});

describe("the in-process cache", () => {
  it("answers a second identical request within the TTL, with the first answer's fetch time and request id", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now });
    const fetchedAt = c.now();
    await cache.set(`${USERS}?limit=1000`, USERS, answer({ data: [{ id: "user_1" }], has_more: false, next_page: null }, fetchedAt, "req_a"));
    c.advance(59_000);
    const hit = await cache.get(`${USERS}?limit=1000`, USERS);
    expect(hit).toEqual({ body: { data: [{ id: "user_1" }], has_more: false, next_page: null }, fetchedAt, requestId: "req_a" });
    c.advance(1_000);
    expect(await cache.get(`${USERS}?limit=1000`, USERS)).toBeUndefined();
  });

  it("keeps the organization list longer than a users page fetched at the same moment", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now });
    await cache.set(ORGS, ORGS, answer({ data: [] }, c.now()));
    await cache.set(USERS, USERS, answer({ data: [] }, c.now()));
    c.advance(90_000);
    expect(await cache.get(USERS, USERS)).toBeUndefined();
    expect(await cache.get(ORGS, ORGS)).toBeDefined();
  });

  it("gives every reader its own copy: changing one answer does not change the next", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now });
    await cache.set(USERS, USERS, answer({ data: [{ id: "user_1" }] }, c.now()));
    const first = (await cache.get(USERS, USERS))!.body as { data: Array<{ id: string }> };
    first.data[0]!.id = "tampered";
    expect(((await cache.get(USERS, USERS))!.body as { data: Array<{ id: string }> }).data[0]!.id).toBe("user_1");
  });

  it("stores nothing when the TTL is 0", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(0), now: c.now });
    await cache.set(USERS, USERS, answer({ data: [] }, c.now()));
    expect(await cache.get(USERS, USERS)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it("drops the least recently used answer when it holds too many", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now, maxEntries: 3 });
    for (const k of ["a", "b", "c"]) await cache.set(`${USERS}?page=${k}`, USERS, answer({ k }, c.now()));
    await cache.get(`${USERS}?page=a`, USERS); // a is now the most recently used
    await cache.set(`${USERS}?page=d`, USERS, answer({ k: "d" }, c.now()));
    expect(await cache.get(`${USERS}?page=b`, USERS)).toBeUndefined();
    for (const k of ["a", "c", "d"]) expect(await cache.get(`${USERS}?page=${k}`, USERS)).toBeDefined();
    expect(cache.stats().entries).toBe(3);
  });

  it("stays within its byte budget, counting what it really holds", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now, maxBytes: 10_000 });
    const row = "x".repeat(1_000);
    for (let i = 0; i < 30; i++) await cache.set(`${USERS}?page=${i}`, USERS, answer({ data: [row] }, c.now()));
    const s = cache.stats();
    expect(s.bytes).toBeLessThanOrEqual(10_000);
    expect(s.entries).toBeGreaterThan(0);
    expect(await cache.get(`${USERS}?page=29`, USERS)).toBeDefined();
    expect(await cache.get(`${USERS}?page=0`, USERS)).toBeUndefined();
  });

  it("counts freshness from when the upstream answered, not from when the answer was stored", async () => {
    const c = clock();
    const cache = createMemoryCache({ ttl: ttlPolicy(60), now: c.now });
    const fetchedAt = c.now();
    c.advance(50_000);
    await cache.set(USERS, USERS, answer({ data: [] }, fetchedAt));
    c.advance(11_000);
    expect(await cache.get(USERS, USERS)).toBeUndefined();
  });
});
