import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import { LocalLimiter } from "@/lib/throttle/local-limiter";
import { createMemoryCache } from "@/lib/cache/memory-cache";
import { ttlPolicy } from "@/lib/cache/ttl-policy";
import { createUpstreamClient, type UpstreamClient } from "@/lib/upstream/client";
import { walkAll, walkOrganizationUsers } from "@/lib/upstream/walk";
import { createDirectoryCache } from "./cache";
import { resolveEntries } from "./entries";
import { personDetail } from "./person-detail";
import { loadDirectory, permissionsOf } from "./snapshot";
import { upstreamDirectorySource } from "./upstream-source";

/*
 * The whole-directory snapshot against the simulator over HTTP. Expectations come from the
 * simulator's own generated data, never from the code under test.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type LogEntry = { t: number; method: string; path: string; query: string; status: number };

let sim: Sim;
let client: UpstreamClient;
let limiter: LocalLimiter;

async function simLog(): Promise<LogEntry[]> {
  const res = await fetch(`${sim.url}/__simulator/log`);
  return ((await res.json()) as { entries: LogEntry[] }).entries;
}
const clearLog = () => fetch(`${sim.url}/__simulator/log`, { method: "DELETE" });
const setFaults = (rules: unknown[]) =>
  fetch(`${sim.url}/__simulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rules }) });
const clearFaults = () => fetch(`${sim.url}/__simulator/faults`, { method: "DELETE" });

const newCache = () => createDirectoryCache({ source: upstreamDirectorySource(client), ttlSeconds: 300 });

/** Every distinct user id the simulator holds: organization users and group members. */
function expectedPeople(): Map<string, { orgs: Set<string>; groups: Set<string> }> {
  const out = new Map<string, { orgs: Set<string>; groups: Set<string> }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { orgs: new Set(), groups: new Set() }));
    return e;
  };
  for (const org of sim.directory.organizations) for (const u of sim.directory.usersOf(org.uuid)) entry(u.id).orgs.add(org.uuid);
  for (const g of sim.directory.groups) for (const m of sim.directory.membersOf(g.id)) entry(m.user_id).groups.add(g.id);
  return out;
}

beforeAll(async () => {
  // A tree with pages to follow: ~2,600 memberships over 4 organizations, so the larger ones take 2 pages at limit=1000.
  sim = await startSimulator({ port: 0, seed: "directory-snapshot", orgUserCounts: [1400, 700, 350, 150], groups: 9, ratePerMinute: 6000 });
  limiter = new LocalLimiter({ rps: 40 });
  client = createUpstreamClient({
    baseUrl: sim.url,
    accessKey: sim.keys.full,
    limiter,
    timeoutMs: 10_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    // Each test counts its own calls in the simulator log; a shared flight would hide them.
    singleFlight: false,
  });
});

afterAll(async () => {
  await limiter?.stop();
  await sim?.close();
});

beforeEach(async () => {
  await clearFaults();
  await clearLog();
});

describe("the directory snapshot", () => {
  it("has one person per distinct user id in the tree, organizations and groups alike", async () => {
    const dir = await loadDirectory({}, newCache());
    const expected = expectedPeople();
    expect(dir.counts.people).toBe(expected.size);
    expect(new Set(dir.people.map((p) => p.id))).toEqual(new Set(expected.keys()));
    expect(dir.counts.memberships).toBe(sim.directory.totalMemberships);
    expect(dir.counts.organizations).toBe(sim.directory.organizations.length);
    expect(dir.counts.groups).toBe(sim.directory.groups.length);
    expect(dir.counts.peopleOutsideOrganizations).toBe(sim.directory.orphanMemberIds.length);
  });

  it("gives a person in several organizations every one of them, with the organization role each lists", async () => {
    const dir = await loadDirectory({}, newCache());
    const multi = [...expectedPeople()].filter(([, e]) => e.orgs.size > 1);
    expect(multi.length).toBeGreaterThan(0);
    const listed = new Map(sim.directory.organizations.map((o) => [o.uuid, new Map(sim.directory.usersOf(o.uuid).map((u) => [u.id, u]))]));
    for (const [id, e] of multi) {
      const person = dir.peopleById.get(id)!;
      expect(new Set(person.memberships.map((m) => m.organization.uuid))).toEqual(e.orgs);
      for (const m of person.memberships) {
        expect(m.organizationRole).toBe(listed.get(m.organization.uuid)!.get(id)!.organization_role);
      }
    }
  });

  it("joins group membership onto people, and each group's roles onto the organization that holds them", async () => {
    const dir = await loadDirectory({}, newCache());
    for (const [id, e] of expectedPeople()) {
      expect(new Set(dir.peopleById.get(id)!.groups.map((g) => g.group.id))).toEqual(e.groups);
    }
    for (const g of sim.directory.groups) {
      for (const roleId of g.roles ?? []) {
        const r = dir.rolesById.get(roleId);
        expect(r, `role ${roleId} of group ${g.name}`).toBeDefined();
        expect(sim.directory.role(r!.organization.uuid, roleId)).toBeDefined();
      }
    }
  });

  it("finds people by email in any case, across organizations", async () => {
    const dir = await loadDirectory({}, newCache());
    const someone = sim.directory.usersOf(sim.directory.organizations[1]!.uuid)[5]!;
    const [r] = resolveEntries(dir, [`  ${someone.email.toUpperCase()} `]);
    expect(r).toMatchObject({ status: "matched" });
    expect(r!.status === "matched" && r!.people.map((p) => p.id)).toEqual([someone.id]);
  });

  it("walks every list at limit=1000, each page once", async () => {
    await loadDirectory({}, newCache());
    const log = await simLog();
    const lists = log.filter((e) => !/\/permissions$/.test(e.path) && e.path !== "/v1/compliance/organizations");
    for (const e of lists) expect(new URLSearchParams(e.query).get("limit")).toBe("1000");
    const keys = log.map((e) => `${e.path}?${e.query}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(log.every((e) => e.status === 200)).toBe(true);
  });

  it("concurrent loads share one walk", async () => {
    const cache = newCache();
    const dirs = await Promise.all(Array.from({ length: 5 }, () => loadDirectory({}, cache)));
    expect(new Set(dirs).size).toBe(1);
    const log = await simLog();
    expect(log.filter((e) => e.path === "/v1/compliance/organizations")).toHaveLength(1);
    expect(log.filter((e) => e.path === "/v1/compliance/groups")).toHaveLength(1);
    const userPages = log.filter((e) => /\/organizations\/[^/]+\/users$/.test(e.path));
    // 1400 -> 2 pages, 700, 350, 150 -> 1 each.
    expect(userPages).toHaveLength(5);
  });

  it("a failing walk rejects with the upstream error and the previous snapshot stays as it was", async () => {
    const cache = newCache();
    const before = await loadDirectory({}, cache);
    await setFaults([{ path: "/members$", skip: 2, kind: "status", status: 403, errorType: "permission_error", message: "Missing required scopes. Got: [] Needed one of: [read:compliance_user_data]" }]);
    const err = await loadDirectory({ fresh: true }, cache).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "UpstreamError", kind: "permission" });
    expect(cache.peek()).toBe(before);
    expect(await loadDirectory({}, cache)).toBe(before);
  });

  it("a refresh walks again instead of answering from the snapshot", async () => {
    const cache = newCache();
    const first = await loadDirectory({}, cache);
    expect(await loadDirectory({}, cache)).toBe(first);
    await clearLog();
    const second = await loadDirectory({ fresh: true }, cache);
    expect(second).not.toBe(first);
    expect(second.builtAt).toBeGreaterThanOrEqual(first.builtAt);
    expect((await simLog()).filter((e) => e.path === "/v1/compliance/organizations")).toHaveLength(1);
  });

  it("reports progress until done, counting users and pages", async () => {
    const seen: { phase: string; usersSoFar: number; pages: number }[] = [];
    const dir = await loadDirectory({ onProgress: (p) => seen.push(p) }, newCache());
    const last = seen.at(-1)!;
    expect(last.phase).toBe("done");
    expect(last.usersSoFar).toBe(sim.directory.totalMemberships);
    expect(last.pages).toBe(dir.pages);
    expect(seen.map((p) => p.usersSoFar)).toEqual([...seen.map((p) => p.usersSoFar)].sort((a, b) => a - b));
  });

  it("a person's permissions name the group and role they come through, loaded once per role", async () => {
    const cache = newCache();
    const dir = await loadDirectory({}, cache);
    const person = dir.people.find((p) => p.groups.some((g) => (dir.groupRoles.get(g.group.id) ?? []).length > 0))!;
    expect(person).toBeDefined();
    await clearLog();
    const load = (org: string, role: string) => permissionsOf(org, role, {}, cache);
    const detail = await personDetail(dir, person, load);
    const again = await personDetail(dir, person, load);
    expect(again.permissions).toEqual(detail.permissions);

    const permissionCalls = (await simLog()).filter((e) => e.path.endsWith("/permissions"));
    expect(permissionCalls).toHaveLength(detail.roles.length);

    for (const role of detail.roles) {
      expect(role.permissions).toEqual(sim.directory.permissionsOf(role.organization.uuid, role.id));
      for (const g of role.via_groups) expect(person.groups.some((pg) => pg.group.id === g.id)).toBe(true);
    }
    for (const p of detail.permissions) {
      expect(p.paths.length).toBeGreaterThan(0);
      for (const path of p.paths) {
        const role = detail.roles.find((r) => r.id === path.role.id)!;
        expect(role.via_groups.map((g) => g.id)).toContain(path.group.id);
        expect(role.permissions!.some((rp) => rp.action === p.action && rp.resource_type === p.resource_type)).toBe(true);
      }
    }
  });

  it("reuses the pages another reader fetched moments ago, and a refresh fetches them again", async () => {
    const cached = createUpstreamClient({
      baseUrl: sim.url,
      accessKey: sim.keys.full,
      limiter,
      timeoutMs: 10_000,
      cache: createMemoryCache({ ttl: ttlPolicy(300) }),
    });
    const org = sim.directory.organizations[0]!;
    const usersPath = `/v1/compliance/organizations/${org.uuid}/users`;
    // An officer opened the organization's users: its pages are now in the upstream cache.
    await walkAll(walkOrganizationUsers(org.uuid, { client: cached }));
    await clearLog();

    const cache = createDirectoryCache({ source: upstreamDirectorySource(cached), ttlSeconds: 300 });
    const dir = await loadDirectory({}, cache);
    expect(dir.counts.memberships).toBe(sim.directory.totalMemberships);
    expect((await simLog()).filter((e) => e.path === usersPath)).toHaveLength(0);

    await clearLog();
    await loadDirectory({ fresh: true }, cache);
    expect((await simLog()).filter((e) => e.path === usersPath)).toHaveLength(2);
  });
});
