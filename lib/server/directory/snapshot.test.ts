import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/tools/simulator/server";
import { openDatabase, type Database } from "@/lib/server/store/database";
import { syncRepository } from "@/lib/server/store/syncs";
import { directoryOfSync } from "@/lib/server/sync/directory-from-sync";
import { runSync } from "@/lib/server/sync/run-sync";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient } from "@/lib/server/upstream/client";
import { resolveEntries } from "@/lib/shared/directory/entries";
import { personDetail } from "./person-detail";
import type { Directory } from "@/lib/shared/directory/types";
import { upstreamDirectorySource } from "./upstream-source";

/*
 * The whole directory as a sync reads it from the simulator over HTTP and the store gives it back,
 * joined. Expectations come from the simulator's own generated data, never from the code under test.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type LogEntry = { t: number; method: string; path: string; query: string; status: number };

let sim: Sim;
let client: UpstreamClient;
let limiter: LocalLimiter;
let database: Database;
let dataDir: string;

async function simLog(): Promise<LogEntry[]> {
  const res = await fetch(`${sim.url}/__simulator/log`);
  return ((await res.json()) as { entries: LogEntry[] }).entries;
}
const clearLog = () => fetch(`${sim.url}/__simulator/log`, { method: "DELETE" });
const clearFaults = () => fetch(`${sim.url}/__simulator/faults`, { method: "DELETE" });

/** One sync into the test database, and the directory read back from it. */
async function syncAndRead(onProgress?: (p: { phase: string; membershipsSoFar: number; pages: number }) => void): Promise<Directory> {
  const repo = syncRepository(database);
  const started = await repo.start({ trigger: "request", holder: "test" });
  const done = await runSync({ source: upstreamDirectorySource(client), repo, sync: started.sync, holder: "test", onProgress });
  expect(done.status).toBe("complete");
  return directoryOfSync(database, done);
}

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
  sim = await startSimulator({ port: 0, seed: "directory-snapshot", orgUserCounts: [1400, 700, 350, 150], groups: 9, ratePerMinute: 60000 });
  limiter = new LocalLimiter({ rps: 100 });
  client = createUpstreamClient({
    baseUrl: sim.url,
    accessKey: sim.keys.full,
    limiter,
    timeoutMs: 10_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    singleFlight: false,
  });
  dataDir = mkdtempSync(path.join(tmpdir(), "directory-"));
  database = await openDatabase({ dataDir });
});

afterAll(async () => {
  await database?.close();
  await limiter?.stop();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await clearFaults();
  await clearLog();
});

describe("the directory a sync keeps", () => {
  it("has one person per distinct user id in the tree, organizations and groups alike", async () => {
    const dir = await syncAndRead();
    const expected = expectedPeople();
    expect(dir.counts.people).toBe(expected.size);
    expect(new Set(dir.people.map((p) => p.id))).toEqual(new Set(expected.keys()));
    expect(dir.counts.memberships).toBe(sim.directory.totalMemberships);
    expect(dir.counts.organizations).toBe(sim.directory.organizations.length);
    expect(dir.counts.groups).toBe(sim.directory.groups.length);
    expect(dir.counts.peopleOutsideOrganizations).toBe(sim.directory.orphanMemberIds.length);
  });

  it("gives a person in several organizations every one of them, with the organization role each lists", async () => {
    const dir = await syncAndRead();
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
    const dir = await syncAndRead();
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
    const dir = await syncAndRead();
    const someone = sim.directory.usersOf(sim.directory.organizations[1]!.uuid)[5]!;
    const [r] = resolveEntries(dir, [`  ${someone.email.toUpperCase()} `]);
    expect(r).toMatchObject({ status: "matched" });
    expect(r!.status === "matched" && r!.people.map((p) => p.id)).toEqual([someone.id]);
  });

  it("walks every list at limit=1000, each page once", async () => {
    await syncAndRead();
    const log = await simLog();
    const lists = log.filter((e) => !/\/settings$/.test(e.path) && e.path !== "/v1/compliance/organizations");
    for (const e of lists) expect(new URLSearchParams(e.query).get("limit")).toBe("1000");
    const keys = log.map((e) => `${e.path}?${e.query}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(log.every((e) => e.status === 200)).toBe(true);
  });

  it("reports progress until done, counting users and pages", async () => {
    const seen: { phase: string; membershipsSoFar: number; pages: number }[] = [];
    const dir = await syncAndRead((p) => seen.push(p));
    const last = seen.at(-1)!;
    expect(last.phase).toBe("saving");
    expect(last.membershipsSoFar).toBe(sim.directory.totalMemberships);
    expect(last.pages).toBe(dir.pages);
    expect(seen.map((p) => p.membershipsSoFar)).toEqual([...seen.map((p) => p.membershipsSoFar)].sort((a, b) => a - b));
  });

  it("a person's permissions name the group and role they come through, with no upstream call", async () => {
    const dir = await syncAndRead();
    const person = dir.people.find((p) => p.groups.some((g) => (dir.groupRoles.get(g.group.id) ?? []).length > 0))!;
    expect(person).toBeDefined();
    await clearLog();
    const load = async (org: string, role: string) => dir.permissionsByRole!.get(`${org}/${role}`) ?? [];
    const detail = await personDetail(dir, person, load);
    const again = await personDetail(dir, person, load);
    expect(again.permissions).toEqual(detail.permissions);

    expect(await simLog()).toHaveLength(0);

    for (const role of detail.roles) {
      // A role's permissions are a set: the store keeps them in a stable order of its own.
      const key = (p: { action: string; resource_type: string; resource_id?: string | null }) => `${p.action} ${p.resource_type} ${p.resource_id}`;
      expect(role.permissions!.map(key).sort()).toEqual(sim.directory.permissionsOf(role.organization.uuid, role.id).map(key).sort());
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
});
