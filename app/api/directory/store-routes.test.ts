import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { login, startApp, type AppServer } from "@/lib/tools/testing/app-server";
import { endpointPaths } from "@/lib/tools/testing/endpoint-paths";
import { closeLiveApp, startLiveApp, syncToEnd } from "@/lib/tools/testing/live-app";
import type { SyncWire } from "@/lib/shared/sync/wire";

/*
 * The store-backed directory routes end to end: a real `next start` over the simulator, the
 * simulator's log as the witness of what reached the upstream. Before the first sync they answer
 * live; after it, from the store with no upstream call, page by page, as of any complete sync,
 * and still with no upstream call after a restart on the same DATA_DIR.
 */

type Page = { data: Record<string, unknown>[]; has_more: boolean; next_page: string | null };
let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "erin", password: "store routes test password 7" };
const DATA_DIR = mkdtempSync(path.join(tmpdir(), "store-routes-"));
let env: Record<string, string>;

const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });
const byId = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function walk(p: string, limit = 1000): Promise<{ rows: Record<string, unknown>[]; pages: number; sync: string | null }> {
  const rows: Record<string, unknown>[] = [];
  let page: string | null = null;
  let pages = 0;
  let sync: string | null = null;
  for (;;) {
    const sep = p.includes("?") ? "&" : "?";
    const res = await get(`${p}${sep}limit=${limit}${page ? `&page=${encodeURIComponent(page)}` : ""}`);
    expect(res.status, p).toBe(200);
    sync = res.headers.get("x-directory-sync");
    const body = (await res.json()) as Page;
    rows.push(...body.data);
    pages++;
    if (!body.has_more) {
      expect(body.next_page).toBeNull();
      return { rows, pages, sync };
    }
    page = body.next_page;
  }
}

const syncNow = (): Promise<SyncWire> => syncToEnd(app, cookie);

/** Every route the directory pages read, for one organization, role and group. */
function pagePaths(): string[] {
  const org = sim.directory.organizations[0]!.uuid;
  const role = sim.directory.rolesOf(org)[0]!.id;
  const group = sim.directory.groups[0]!.id;
  return [...endpointPaths("/api/directory", { org, role, group }), "/api/directory/summary", "/api/directory/overview", "/api/directory/settings", "/api/directory/roles", "/api/directory/group-sizes", `/api/directory/group-members/${group}`, "/api/directory/people"];
}

beforeAll(async () => {
  ({ sim, app, env, cookies: [cookie] } = await startLiveApp({ seed: "store-routes", orgUserCounts: [1500, 40, 12], groups: 5 }, [OFFICER], { DATA_DIR, COMPLIANCE_RATE_LIMIT_RPS: "10" }));
});

afterAll(async () => {
  await closeLiveApp({ app, sim });
  rmSync(DATA_DIR, { recursive: true, force: true });
});

beforeEach(async () => {
  await sim.clearLog();
});

describe("store-backed directory routes", () => {
  let first: SyncWire;
  let firstUsers: Record<string, unknown>[];

  it("refuse bad input with a 4xx and call no upstream (before any sync: no store, no proxy)", async () => {
    const org = sim.directory.organizations[0]!.uuid;
    const bad: [string, number][] = [
      ["/api/directory/organizations/not-a-uuid/users", 400],
      [`/api/directory/organizations/${org}/users?limit=0`, 400],
      [`/api/directory/organizations/${org}/users?limit=1001`, 400],
      [`/api/directory/organizations/${org}/users?fresh=1`, 400],
      [`/api/directory/organizations/${org}/settings?limit=5`, 400],
      [`/api/directory/organizations/${org}/roles/bad%20id`, 400],
      ["/api/directory/groups?name_prefix=", 400],
      ["/api/directory/groups/a%2Fb/members", 400],
      ["/api/directory/groups?as_of=yesterday", 400],
      ["/api/directory/groups?as_of=sync_abcdefgh_0123456789ab&as_of=sync_abcdefgh_0123456789ab", 400],
      ["/api/directory/organizations?as_of=sync_abcdefgh_0123456789ab", 404],
      ["/api/directory/summary?as_of=nope", 400],
      ["/api/directory/overview?as_of=nope", 400],
      ["/api/directory/overview?org=1", 400],
      ["/api/directory/settings?limit=5", 400],
      ["/api/directory/roles?as_of=nope", 400],
      ["/api/directory/group-sizes?page=1", 400],
      ["/api/directory/group-members/a%20b", 400],
      ["/api/directory/group-members/x?limit=3", 400],
      ["/api/directory/people?as_of=nope", 400],
      ["/api/directory/groups/x/y/z", 404],
    ];
    for (const [p, status] of bad) {
      const res = await get(p);
      expect(res.status, p).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message.length, p).toBeGreaterThan(10);
    }
    expect((await fetch(`${app.url}/api/directory/organizations`)).status).toBe(401);
    expect(await sim.log()).toHaveLength(0);
  });

  it("answer live from the upstream before the first sync completes, and say so", async () => {
    const res = await get("/api/directory/organizations");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-directory-source")).toBe("live");
    expect(res.headers.get("x-directory-sync")).toBeNull();
    expect(((await res.json()) as Page).data.map((o) => o.uuid)).toEqual(sim.directory.organizations.map((o) => o.uuid));
    expect((await sim.log()).length).toBeGreaterThan(0);
  });

  it("say so on the whole-tree routes before the first sync completes, without asking the upstream (the pages ask live)", async () => {
    await sim.clearLog();
    const group = sim.directory.groups[0]!.id;
    for (const p of ["/api/directory/overview", "/api/directory/settings", "/api/directory/roles", "/api/directory/group-sizes", `/api/directory/group-members/${group}`]) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("x-directory-source"), p).toBe("live");
      expect(((await res.json()) as { source: string }).source, p).toBe("live");
    }
    expect(await sim.log()).toHaveLength(0);
  });

  it("after a sync, answer every list and record as the simulator holds it, from the store with no upstream call", async () => {
    first = await syncNow();
    await sim.clearLog();
    const d = sim.directory;
    const org = d.organizations[0]!.uuid;

    const orgs = await get("/api/directory/organizations");
    expect(orgs.headers.get("x-directory-source")).toBe("store");
    expect(orgs.headers.get("x-directory-sync")).toBe(first.id);
    expect(orgs.headers.get("x-directory-as-of")).toBe(first.finished_at);
    expect(((await orgs.json()) as Page).data).toEqual(plain(d.organizations));

    for (const o of d.organizations) {
      const users = await walk(`/api/directory/organizations/${o.uuid}/users`);
      expect(users.rows.sort(byId("id"))).toEqual(plain(d.usersOf(o.uuid)).sort(byId("id")));
      expect(users.sync).toBe(first.id);
      const roles = await walk(`/api/directory/organizations/${o.uuid}/roles`);
      expect(roles.rows.sort(byId("id"))).toEqual(plain(d.rolesOf(o.uuid)).sort(byId("id")));
      for (const r of d.rolesOf(o.uuid).slice(0, 3)) {
        const perms = await walk(`/api/directory/organizations/${o.uuid}/roles/${r.id}/permissions`);
        const key = (p: Record<string, unknown>) => `${p.action}|${p.resource_type}|${p.resource_id}`;
        expect(perms.rows.map(key).sort()).toEqual(plain(d.permissionsOf(o.uuid, r.id)).map(key).sort());
        expect(await (await get(`/api/directory/organizations/${o.uuid}/roles/${r.id}`)).json()).toEqual(plain(d.role(o.uuid, r.id)));
      }
      const settings = (await (await get(`/api/directory/organizations/${o.uuid}/settings`)).json()) as { settings: { name: string }[] };
      const expected = plain(d.settingsOf(o.uuid)!);
      expect({ ...settings, settings: [...settings.settings].sort(byId("name")) }).toEqual({ ...expected, settings: [...expected.settings].sort(byId("name")) });
    }
    const groups = await walk("/api/directory/groups");
    expect(groups.rows).toEqual(plain(d.groups));
    for (const g of d.groups) {
      expect(await (await get(`/api/directory/groups/${g.id}`)).json()).toEqual(plain(d.group(g.id)));
      const members = await walk(`/api/directory/groups/${g.id}/members`);
      expect(members.rows.sort(byId("user_id"))).toEqual(plain(d.membersOf(g.id)).sort(byId("user_id")));
    }
    const prefix = d.groups[0]!.name.slice(0, 3);
    expect((await walk(`/api/directory/groups?name_prefix=${encodeURIComponent(prefix)}`)).rows.map((g) => g.id)).toEqual(
      d.groups.filter((g) => g.name.startsWith(prefix)).map((g) => g.id),
    );

    const missing = await get(`/api/directory/organizations/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}/users`);
    expect(missing.status).toBe(404);
    firstUsers = (await walk(`/api/directory/organizations/${org}/users`)).rows;
    expect(await sim.log()).toHaveLength(0);
  });

  it("count every organization for the Overview, and send every organization's settings, in one answer each from the store", async () => {
    await sim.clearLog();
    const res = await get("/api/directory/overview");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-directory-sync")).toBe(first.id);
    const body = (await res.json()) as {
      source: string;
      sync: { id: string };
      uniqueUsers: number;
      memberships: number;
      groups: number;
      organizations: { uuid: string; users: number; roles: number; groups: number; settings: { name: string }[] | null }[];
    };
    const d = sim.directory;
    expect(body.source).toBe("store");
    expect(body.sync.id).toBe(first.id);
    expect(body.organizations.map((o) => o.uuid)).toEqual(d.organizations.map((o) => o.uuid));
    for (const o of d.organizations) {
      const row = body.organizations.find((r) => r.uuid === o.uuid)!;
      const roleIds = new Set(d.rolesOf(o.uuid).map((r) => r.id));
      expect(row.users, o.name).toBe(d.usersOf(o.uuid).length);
      expect(row.roles, o.name).toBe(roleIds.size);
      expect(row.groups, o.name).toBe(d.groups.filter((g) => (g.roles ?? []).some((r) => roleIds.has(r))).length);
      expect(row.settings!.map((s) => s.name).sort()).toEqual(["data_retention_periods", "sso_claude_ai_enforced", "sso_provisioning_mode"].filter((n) => d.settingsOf(o.uuid)!.settings.some((s) => s.name === n)));
    }
    const users = d.organizations.flatMap((o) => d.usersOf(o.uuid));
    expect(body.memberships).toBe(users.length);
    expect(body.uniqueUsers).toBe(new Set(users.map((u) => u.id)).size);
    expect(body.groups).toBe(d.groups.length);

    const settingsRes = await get("/api/directory/settings");
    expect(settingsRes.headers.get("x-directory-sync")).toBe(first.id);
    const settings = (await settingsRes.json()) as { source: string; organizations: { uuid: string; settings: { settings: { name: string }[] } }[] };
    expect(settings.source).toBe("store");
    expect(settings.organizations.map((o) => o.uuid)).toEqual(d.organizations.map((o) => o.uuid));
    for (const o of settings.organizations) {
      const expected = plain(d.settingsOf(o.uuid)!);
      expect({ ...o.settings, settings: [...o.settings.settings].sort(byId("name")) }).toEqual({ ...expected, settings: [...expected.settings].sort(byId("name")) });
    }
    expect(await sim.log()).toHaveLength(0);
  });

  it("send every organization's roles, every group's size and a group's members joined to names, in one answer each", async () => {
    await sim.clearLog();
    const d = sim.directory;
    const roles = (await (await get("/api/directory/roles")).json()) as { source: string; organizations: { uuid: string; roles: Record<string, unknown>[] }[] };
    expect(roles.source).toBe("store");
    for (const o of d.organizations) expect(roles.organizations.find((r) => r.uuid === o.uuid)!.roles.sort(byId("id")), o.name).toEqual(plain(d.rolesOf(o.uuid)).sort(byId("id")));

    const sizes = new Map(((await (await get("/api/directory/group-sizes")).json()) as { members: [string, number][] }).members);
    expect(sizes.size).toBe(d.groups.length);
    for (const g of d.groups) expect(sizes.get(g.id), g.name).toBe(d.membersOf(g.id).length);

    const listedBy = new Map<string, { name: string; orgs: string[] }>();
    for (const o of d.organizations) {
      for (const u of d.usersOf(o.uuid)) {
        const seen = listedBy.get(u.id) ?? { name: u.full_name, orgs: [] };
        seen.orgs.push(o.uuid);
        listedBy.set(u.id, seen);
      }
    }
    const g = d.groups.reduce((a, b) => (d.membersOf(b.id).length > d.membersOf(a.id).length ? b : a));
    const res = await get(`/api/directory/group-members/${g.id}`);
    expect(res.headers.get("x-directory-sync")).toBe(first.id);
    const joined = (await res.json()) as { group: { id: string }; members: { userId: string; fullName?: string; memberships: { orgUuid: string }[] }[] };
    expect(joined.group.id).toBe(g.id);
    expect(joined.members.map((m) => m.userId).sort()).toEqual(d.membersOf(g.id).map((m) => m.user_id).sort());
    for (const m of joined.members) {
      const listed = listedBy.get(m.userId);
      expect(m.fullName, m.userId).toBe(listed?.name);
      expect(m.memberships.map((x) => x.orgUuid).sort(), m.userId).toEqual([...(listed?.orgs ?? [])].sort());
    }
    const missing = await get("/api/directory/group-members/rbac_group_not_in_this_tree");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/No group rbac_group_not_in_this_tree/);
    expect(await sim.log()).toHaveLength(0);
  });

  it("page at most `limit` records with tokens bound to the list and the sync", async () => {
    const org = sim.directory.organizations[0]!.uuid;
    const p1 = (await (await get(`/api/directory/organizations/${org}/users`)).json()) as Page;
    expect(p1.data).toHaveLength(1000);
    expect(p1.has_more).toBe(true);
    const p2 = (await (await get(`/api/directory/organizations/${org}/users?page=${encodeURIComponent(p1.next_page!)}`)).json()) as Page;
    expect(p2.data).toHaveLength(500);
    expect(p2.has_more).toBe(false);
    expect(new Set([...p1.data, ...p2.data].map((u) => u.id)).size).toBe(1500);

    const small = await walk(`/api/directory/organizations/${org}/users`, 333);
    expect(small.pages).toBe(5);
    expect(small.rows.map((u) => u.id)).toEqual([...p1.data, ...p2.data].map((u) => u.id));

    const otherList = await get(`/api/directory/organizations/${sim.directory.organizations[1]!.uuid}/users?page=${encodeURIComponent(p1.next_page!)}`);
    expect(otherList.status).toBe(400);
    const garbage = await get(`/api/directory/organizations/${org}/users?page=not-a-token`);
    expect(garbage.status).toBe(400);
    expect(await sim.log()).toHaveLength(0);
  });

  it("answer as of an earlier complete sync; a token of the old sync is refused on the newest", async () => {
    const org = sim.directory.organizations[0]!.uuid;
    const oldFirstPage = (await (await get(`/api/directory/organizations/${org}/users`)).json()) as Page;
    sim.churn(0.05);
    const second = await syncNow();
    expect(second.id).not.toBe(first.id);
    await sim.clearLog();

    const now = await walk(`/api/directory/organizations/${org}/users`);
    expect(now.sync).toBe(second.id);
    expect(now.rows.sort(byId("id"))).toEqual(plain(sim.directory.usersOf(org)).sort(byId("id")));
    const then = await walk(`/api/directory/organizations/${org}/users?as_of=${first.id}`);
    expect(then.sync).toBe(first.id);
    expect(then.rows).toEqual(firstUsers);
    expect(then.rows).not.toEqual(now.rows);

    const stale = await get(`/api/directory/organizations/${org}/users?page=${encodeURIComponent(oldFirstPage.next_page!)}`);
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { error: { type: string } }).error.type).toBe("directory_changed");
    const sameSync = await get(`/api/directory/organizations/${org}/users?as_of=${first.id}&page=${encodeURIComponent(oldFirstPage.next_page!)}`);
    expect(sameSync.status).toBe(200);

    const overviewThen = await get(`/api/directory/overview?as_of=${first.id}`);
    expect(overviewThen.headers.get("x-directory-sync")).toBe(first.id);
    const usersThen = ((await overviewThen.json()) as { organizations: { uuid: string; users: number }[] }).organizations.find((o) => o.uuid === org)!.users;
    expect(usersThen).toBe(firstUsers.length);
    const overviewNow = (await (await get("/api/directory/overview")).json()) as { organizations: { uuid: string; users: number }[] };
    expect(overviewNow.organizations.find((o) => o.uuid === org)!.users).toBe(now.rows.length);

    const summary = await get(`/api/directory/summary?as_of=${first.id}`);
    expect(summary.status).toBe(200);
    expect(summary.headers.get("x-directory-sync")).toBe(first.id);
    const people = await get(`/api/directory/people?as_of=${first.id}`);
    expect(people.status).toBe(200);
    expect((await people.text()).trim().split("\n").at(-1)).toContain('"type":"done"');
    const someone = firstUsers[0]!.id as string;
    expect((await get(`/api/directory/people/${someone}?as_of=${first.id}`)).status).toBe(200);
    expect(await sim.log()).toHaveLength(0);
  });

  it("after a restart on the same DATA_DIR, every page's route answers with zero upstream calls", async () => {
    await app.close();
    app = await startApp(env);
    cookie = await login(app.url, OFFICER.username, OFFICER.password);
    await sim.clearLog();
    for (const p of pagePaths()) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      await res.text();
    }
    expect(await sim.log()).toHaveLength(0);
  });
});
