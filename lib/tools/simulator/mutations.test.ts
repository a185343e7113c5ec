import { describe, expect, it } from "vitest";
import { SIM_KEYS } from "./keys";
import { suiteSimulator } from "@/lib/tools/testing/suite-simulator";
import { startSimulator, type Change, type SimulatorHandle } from "./server";

/*
 * The simulator's directory changes (issue 11, item 7), read back over HTTP: a whole-directory
 * snapshot is walked before and after, diffed here independently in CONTRACT.md's change
 * vocabulary, and must equal exactly what the mutation answered.
 */

type Row = Record<string, unknown>;

async function get(sim: SimulatorHandle, path: string): Promise<any> {
  const res = await fetch(sim.url + path, { headers: { "x-api-key": SIM_KEYS.full } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function walk(sim: SimulatorHandle, path: string): Promise<Row[]> {
  const rows: Row[] = [];
  let page: string | null = null;
  do {
    const q = new URLSearchParams(path.endsWith("/organizations") ? {} : { limit: "1000" });
    if (page) q.set("page", page);
    const body: { data: Row[]; has_more?: boolean; next_page?: string | null } = await get(sim, q.size ? `${path}?${q}` : path);
    rows.push(...body.data);
    page = body.has_more ? (body.next_page ?? null) : null;
  } while (page);
  return rows;
}

/** Everything a sync reads, keyed the way CONTRACT.md's changes name things. */
async function snapshot(sim: SimulatorHandle) {
  const s = {
    orgs: new Map<string, Row>(),
    users: new Map<string, Row>(),
    roles: new Map<string, Row>(),
    perms: new Map<string, Row>(),
    groups: new Map<string, Row>(),
    groupRoles: new Set<string>(),
    members: new Map<string, Row>(),
    settings: new Map<string, Row>(),
  };
  const base = "/v1/compliance";
  for (const o of await walk(sim, `${base}/organizations`)) {
    const org = o.uuid as string;
    s.orgs.set(org, o);
    for (const u of await walk(sim, `${base}/organizations/${org}/users`)) s.users.set(`${org}|${u.id}`, u);
    for (const r of await walk(sim, `${base}/organizations/${org}/roles`)) {
      s.roles.set(`${org}|${r.id}`, r);
      expect(await get(sim, `${base}/organizations/${org}/roles/${r.id as string}`)).toEqual(r);
      for (const p of await walk(sim, `${base}/organizations/${org}/roles/${r.id as string}/permissions`)) s.perms.set(`${org}|${r.id}|${JSON.stringify(p)}`, p);
    }
    for (const x of ((await get(sim, `${base}/organizations/${org}/settings`)) as { settings: Row[] }).settings) s.settings.set(`${org}|${x.name}`, x);
  }
  for (const g of await walk(sim, `${base}/groups`)) {
    const id = g.id as string;
    const { roles, ...rest } = g;
    s.groups.set(id, rest);
    expect(await get(sim, `${base}/groups/${id}`)).toEqual(g);
    for (const r of (roles as string[] | null) ?? []) s.groupRoles.add(`${id}|${r}`);
    for (const m of await walk(sim, `${base}/groups/${id}/members`)) s.members.set(`${id}|${m.user_id}`, m);
  }
  return s;
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The differences between two snapshots, one line per change: kind, ids, before, after. */
function diff(a: Snapshot, b: Snapshot): string[] {
  const out: string[] = [];
  const line = (kind: string, ids: Row, before: unknown, after: unknown) => out.push(JSON.stringify({ kind, ...ids, before: before ?? null, after: after ?? null }));
  const maps = <T>(x: Map<string, T>, y: Map<string, T>, added: string, removed: string, changed: string | null, ids: (key: string) => Row) => {
    for (const [key, v] of y) if (!x.has(key)) line(added, ids(key), null, v);
    for (const [key, v] of x) {
      if (!y.has(key)) line(removed, ids(key), v, null);
      else if (changed && JSON.stringify(v) !== JSON.stringify(y.get(key))) line(changed, ids(key), v, y.get(key));
    }
  };
  const two = (names: [string, string]) => (key: string) => {
    const [p, q] = key.split("|");
    return { [names[0]]: p, [names[1]]: q };
  };
  maps(a.orgs, b.orgs, "organization_added", "organization_removed", "organization_changed", (k) => ({ organization_uuid: k }));
  maps(a.users, b.users, "member_joined", "member_left", "member_changed", two(["organization_uuid", "user_id"]));
  maps(a.roles, b.roles, "role_added", "role_removed", "role_changed", two(["organization_uuid", "role_id"]));
  maps(a.perms, b.perms, "permission_added", "permission_removed", null, two(["organization_uuid", "role_id"]));
  maps(a.groups, b.groups, "group_added", "group_removed", "group_changed", (k) => ({ group_id: k }));
  for (const key of b.groupRoles) if (!a.groupRoles.has(key)) line("group_role_granted", two(["group_id", "role_id"])(key), null, null);
  for (const key of a.groupRoles) if (!b.groupRoles.has(key)) line("group_role_revoked", two(["group_id", "role_id"])(key), null, null);
  // A member record that changed (an email changed everywhere) has no kind of its own in CONTRACT.md.
  maps(a.members, b.members, "group_member_added", "group_member_removed", null, two(["group_id", "user_id"]));
  maps(a.settings, b.settings, "setting_changed", "setting_changed", "setting_changed", two(["organization_uuid", "setting"]));
  return out.sort();
}

/** The mutation's answer in the same lines (keys in the same order as diff writes them). */
function lines(changes: Change[]): string[] {
  return changes
    .map(({ kind, before, after, ...ids }) => {
      const ordered: Row = {};
      for (const k of ["organization_uuid", "user_id", "role_id", "group_id", "setting"] as const) if (ids[k] !== undefined) ordered[k] = ids[k];
      // diff() keys group roles and members by group first.
      const keyed = kind.startsWith("group_") && ordered.group_id !== undefined ? { group_id: ordered.group_id, ...ordered } : ordered;
      // A group's roles are compared as group_role_* changes, not as part of its record.
      const record = (r: unknown) => (r && ["group_added", "group_removed", "group_changed"].includes(kind) ? { ...(r as Row), roles: undefined } : r);
      return JSON.stringify({ kind, ...keyed, before: record(before) ?? null, after: record(after) ?? null });
    })
    .sort();
}

async function mutate(sim: SimulatorHandle, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const OPTS = { seed: "mutations", orgUserCounts: [180, 90, 60, 25], groups: 10, ratePerMinute: 1_000_000 };

describe("churn", () => {
  const suite = suiteSimulator(OPTS);

  it("changes exactly what it answers, over HTTP, every kind of change, step after step", async () => {
    let before = await snapshot(suite.sim);
    const kinds = new Set<string>();
    for (const step of [1, 2]) {
      const answer = await mutate(suite.sim, { churn: 0.05, step });
      expect(answer.status).toBe(200);
      expect(answer.body.version).toBe(step);
      const after = await snapshot(suite.sim);
      expect(diff(before, after)).toEqual(lines(answer.body.changes));
      for (const c of answer.body.changes as Change[]) kinds.add(c.kind);
      before = after;
    }
    for (const kind of [
      "member_joined",
      "member_left",
      "member_changed",
      "role_added",
      "role_removed",
      "permission_added",
      "permission_removed",
      "group_added",
      "group_removed",
      "group_role_granted",
      "group_role_revoked",
      "group_member_added",
      "group_member_removed",
      "setting_changed",
      "organization_changed",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    // The directory object the tests compute from agrees with the HTTP answers.
    const org = suite.sim.directory.organizations[0]!.uuid;
    expect(await walk(suite.sim, `/v1/compliance/organizations/${org}/users`)).toEqual(suite.sim.directory.usersOf(org));
    expect(suite.sim.directory.totalMemberships).toBe(suite.sim.directory.organizations.reduce((n, o) => n + suite.sim.directory.userCountOf(o.uuid), 0));
  });

  it("gives the same changes for the same seed, fraction and step, and other changes for another step", async () => {
    const a = await startSimulator(OPTS);
    const b = await startSimulator(OPTS);
    try {
      const first = a.churn(0.03, 1);
      expect(first.length).toBeGreaterThan(10);
      expect(b.churn(0.03, 1)).toEqual(first);
      expect(a.churn(0.03, 2)).toEqual(b.churn(0.03, 2));
      expect(JSON.stringify(a.churn(0.03, 3))).not.toEqual(JSON.stringify(first));
      expect(a.churn(0, 4)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("adds several groups, and several roles to one organization, in one step, each with an id of its own", async () => {
    // Many draws among few organizations and groups: the bench's 500 groups at 1% add five groups a step.
    const sim = await startSimulator({ ...OPTS, groups: 40 });
    try {
      for (const step of [1, 2, 3]) {
        const changes = sim.churn(0.5, step);
        const groups = changes.filter((c) => c.kind === "group_added").map((c) => c.group_id);
        const roles = changes.filter((c) => c.kind === "role_added").map((c) => c.role_id);
        expect(groups.length).toBeGreaterThan(1);
        expect(roles.length).toBeGreaterThan(1);
        expect(new Set(groups).size).toBe(groups.length);
        expect(new Set(roles).size).toBe(roles.length);
      }
    } finally {
      await sim.close();
    }
  });

  it("can start from 'yesterday': initialChurnSteps applies the first steps before it listens", async () => {
    const plain = await startSimulator(OPTS);
    const churned = await startSimulator({ ...OPTS, initialChurnSteps: 2, churn: 0.02 });
    try {
      plain.churn(0.02, 1);
      plain.churn(0.02, 2);
      expect(churned.directory.version).toBe(2);
      expect(((await (await fetch(`${churned.url}/__simulator/info`)).json()) as { version: number }).version).toBe(2);
      for (const o of plain.directory.organizations) expect(churned.directory.usersOf(o.uuid)).toEqual(plain.directory.usersOf(o.uuid));
      expect(churned.directory.groups).toEqual(plain.directory.groups);
    } finally {
      await plain.close();
      await churned.close();
    }
  });
});

describe("POST /__simulator/mutate with named changes", () => {
  const suite = suiteSimulator(OPTS);

  it("applies each kind of change and answers exactly what the HTTP answers then show", async () => {
    const d = suite.sim.directory;
    const [o1, o2] = [d.organizations[0]!, d.organizations[1]!];
    const users1 = d.usersOf(o1.uuid);
    const users2 = d.usersOf(o2.uuid);
    const custom = d.rolesOf(o1.uuid).find((r) => r.created_at !== null)!;
    const mover = users1.slice(4).find((u) => !users2.some((x) => x.id === u.id))!;
    const builtIn = d.rolesOf(o1.uuid)[0]!;
    const perm = d.permissionsOf(o1.uuid, builtIn.id)[0]!;
    const withRoles = d.groups.find((g) => g.roles?.some((r) => r !== custom.id))!;
    const revoked = withRoles.roles!.find((r) => r !== custom.id)!;
    const small = d.groups.find((g, i) => i > 1 && g.id !== withRoles.id && d.membersOf(g.id).length > 0)!;
    const member = d.membersOf(small.id)[0]!;
    const setting = d.settingsOf(o1.uuid)!.settings.find((s) => s.name === "ip_allowlist_enabled")!;
    const before = await snapshot(suite.sim);

    const changes = [
      { kind: "organization_changed", org: o2.uuid, name: "Acme Renamed Division" },
      { kind: "member_joined", org: o1.uuid, full_name: "Nia Newcomer", email: "nia.newcomer@acme.com", organization_role: "developer" },
      { kind: "member_joined", org: o2.uuid, user: mover.id },
      { kind: "member_left", org: o1.uuid, user: users1[3]!.id },
      { kind: "member_changed", org: o1.uuid, user: users1[7]!.id, organization_role: users1[7]!.organization_role === "admin" ? "user" : "admin" },
      { kind: "member_changed", user: users2[2]!.id, email: "renamed.person@acme.co.uk", full_name: "Renamed Person" },
      { kind: "role_added", org: o1.uuid, name: "Incident Reader", permissions: [{ action: "chats:read", resource_id: "claude_proj_01abc", resource_type: "project" }] },
      { kind: "role_removed", org: o1.uuid, role: custom.id },
      { kind: "role_changed", org: o1.uuid, role: builtIn.id, description: "Changed by the test." },
      { kind: "permission_removed", org: o1.uuid, role: builtIn.id, permission: perm },
      { kind: "permission_added", org: o1.uuid, role: builtIn.id, permission: { action: "projects:export", resource_id: "claude_proj_01xyz", resource_type: "project" } },
      { kind: "group_added", name: "Incident 42 responders", members: [users1[10]!.id, users2[4]!.id], roles: [builtIn.id] },
      { kind: "group_changed", group: withRoles.id, name: `${withRoles.name} (renamed)` },
      { kind: "group_role_revoked", group: withRoles.id, role: revoked },
      { kind: "group_role_granted", group: small.id, role: builtIn.id },
      { kind: "group_member_removed", group: small.id, user: member.user_id },
      { kind: "group_member_added", group: small.id, user: users1[12]!.id },
      { kind: "setting_changed", org: o1.uuid, setting: "ip_allowlist_enabled", value: setting.value !== true },
      { kind: "setting_changed", org: o1.uuid, setting: "allowed_invite_domains", listed: false },
      { kind: "setting_changed", org: o2.uuid, setting: "claude_future_flag", type: "boolean", value: true },
    ];
    const answer = await mutate(suite.sim, { changes });
    expect(answer.status, JSON.stringify(answer.body.error)).toBe(200);
    const after = await snapshot(suite.sim);
    expect(diff(before, after)).toEqual(lines(answer.body.changes));

    const kinds = new Set((answer.body.changes as Change[]).map((c) => c.kind));
    for (const c of changes) expect(kinds, c.kind).toContain(c.kind);
    // What each change looks like from the outside.
    expect(after.orgs.get(o2.uuid)!.name).toBe("Acme Renamed Division");
    expect(after.users.has(`${o1.uuid}|${users1[3]!.id}`)).toBe(false);
    expect([...after.users.values()].some((u) => u.full_name === "Nia Newcomer" && u.organization_role === "developer")).toBe(true);
    expect(after.users.get(`${o2.uuid}|${mover.id}`)!.email).toBe(mover.email);
    expect(after.users.get(`${o2.uuid}|${users2[2]!.id}`)).toMatchObject({ email: "renamed.person@acme.co.uk", full_name: "Renamed Person" });
    expect(after.roles.has(`${o1.uuid}|${custom.id}`)).toBe(false);
    expect(after.members.has(`${small.id}|${member.user_id}`)).toBe(false);
    expect(after.members.get(`${small.id}|${users1[12]!.id}`)!.email).toBe(users1[12]!.email);
    expect(after.settings.has(`${o1.uuid}|allowed_invite_domains`)).toBe(false);
    // A role removed is revoked from the groups that held it.
    for (const key of after.groupRoles) expect(key.endsWith(`|${custom.id}`)).toBe(false);
  });

  it("refuses a change it cannot make with a 400 naming it, and keeps the ones before it", async () => {
    const org = suite.sim.directory.organizations[0]!.uuid;
    const r = await mutate(suite.sim, {
      changes: [
        { kind: "organization_changed", org, name: "Acme First Of Two" },
        { kind: "member_left", org, user: "user_01NobodyNobodyNobody000" },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/changes\[1\] \(member_left\)/);
    expect(r.body.applied).toHaveLength(1);
    expect((await get(suite.sim, "/v1/compliance/organizations")).data[0].name).toBe("Acme First Of Two");
    for (const bad of [{ changes: [{ kind: "nope" }] }, { changes: "x" }, { churn: 2 }, [], { changes: [{ kind: "member_left", org, person: 1 }] }]) {
      expect((await mutate(suite.sim, bad)).status).toBe(400);
    }
  });
});
