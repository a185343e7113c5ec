import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Directory } from "@/lib/shared/directory/types";
import { startSimulator } from "@/lib/tools/simulator/server";
import { openSyncedStore, type SyncedStore } from "@/lib/tools/testing/synced-directory";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { actionMatcher, DEFAULT_PRIVILEGED_ACTIONS, parsePrivilegedActions } from "./actions";
import { compareByOrganization, privilegedRowKey } from "@/lib/shared/privileged/wire";
import { privilegedReport, privilegedRows } from "./report";

/*
 * The privileged access report over a sync of the simulator: expectations are computed from the
 * simulator's own data (organization rosters, group memberships, role grants, permissions).
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let synced: SyncedStore;
let limiter: LocalLimiter;
let directory: Directory;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "privileged", orgUserCounts: [300, 120, 40], groups: 8, ratePerMinute: 60_000 });
  limiter = new LocalLimiter({ rps: 200 });
  synced = await openSyncedStore(createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter, timeoutMs: 10_000 }));
  directory = await synced.load();
});
afterAll(async () => {
  await synced?.close();
  await limiter?.stop();
  await sim?.close();
});

describe("the privileged access report", () => {
  it("lists every administrative organization role the organizations list, and nothing else by role", () => {
    const report = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS);
    const expected = sim.directory.organizations.flatMap((o) =>
      sim.directory.usersOf(o.uuid).filter((u) => ["primary_owner", "owner", "admin", "membership_admin"].includes(u.organization_role)).map((u) => `${o.uuid} ${u.id} ${u.organization_role}`),
    );
    const got = report.rows.filter((r) => r.source === "organization_role").map((r) => `${r.organization_uuid} ${r.user_id} ${r.access}`);
    expect(got.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it("finds each privileged permission through group → role, and only privileged ones", () => {
    const isPrivileged = actionMatcher(DEFAULT_PRIVILEGED_ACTIONS);
    const report = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS);
    const expected = new Set<string>();
    for (const g of sim.directory.groups) {
      for (const roleId of g.roles ?? []) {
        const org = sim.directory.organizations.find((o) => sim.directory.role(o.uuid, roleId));
        if (!org) continue;
        for (const p of sim.directory.permissionsOf(org.uuid, roleId)) {
          if (!isPrivileged(p.action)) continue;
          for (const m of sim.directory.membersOf(g.id)) expected.add(`${m.user_id} ${g.id} ${roleId} ${p.action} ${p.resource_id}`);
        }
      }
    }
    const got = new Set(report.rows.filter((r) => r.source === "permission").map((r) => `${r.user_id} ${r.group_id} ${r.role_id} ${r.access} ${r.resource_id}`));
    expect(got).toEqual(expected);
    expect(report.rows.filter((r) => r.source === "permission").every((r) => isPrivileged(r.access))).toBe(true);
  });

  it("counts primary owners per organization (the simulator gives each exactly one)", () => {
    const report = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS);
    expect(report.organizations.map((o) => o.primary_owners)).toEqual(sim.directory.organizations.map(() => 1));
  });

  it("lists rows by organization name (the table's default order) and counts people and rows over all of them", () => {
    const report = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS);
    expect(report.rows.map((r) => r.organization_name.toLowerCase())).toEqual(report.rows.map((r) => r.organization_name.toLowerCase()).sort());
    expect(report.rows_total).toBe(report.rows.length);
    expect(report.people).toBe(new Set(report.rows.map((r) => r.user_id)).size);
    expect(report.people).toBeGreaterThan(0);
  });

  it("orders rows exactly as a stable sort by organization name of the rows as found", () => {
    const report = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS);
    const found = privilegedRows(directory, DEFAULT_PRIVILEGED_ACTIONS);
    const expected = found.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => compareByOrganization(a, b) || i - j).map(([r]) => privilegedRowKey(r));
    expect(report.rows.map(privilegedRowKey)).toEqual(expected);
    expect(new Set(found.map((r) => r.organization_uuid)).size).toBeGreaterThan(1);
  });

  it("marks nothing new against the same sync, and everything new against a directory with none of it", () => {
    const same = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS, directory);
    expect(same.rows.some((r) => r.new_since)).toBe(false);
    const narrower = privilegedReport(directory, DEFAULT_PRIVILEGED_ACTIONS, { ...directory, people: [] });
    expect(narrower.rows.every((r) => r.new_since)).toBe(true);
  });
});

describe("privileged action patterns", () => {
  it("match whole actions, * as any run of characters", () => {
    const m = actionMatcher(["*:export", "settings:write"]);
    expect(m("chats:export")).toBe(true);
    expect(m("settings:write")).toBe(true);
    expect(m("settings:writer")).toBe(false);
    expect(m("chats:read")).toBe(false);
  });
  it("refuse a pattern with other characters, with a message", () => {
    expect(parsePrivilegedActions("chats:export, (a+)+")).toMatch(/not an action pattern/);
    expect(parsePrivilegedActions("")).toEqual([...DEFAULT_PRIVILEGED_ACTIONS]);
  });
});
