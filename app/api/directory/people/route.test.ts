import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp } from "@/lib/tools/testing/live-app";
import { peopleStreamLineSchema, personDetailSchema, personStreamLineSchema, type PeopleStreamLine } from "@/lib/shared/directory/wire";

/*
 * The directory routes end to end: a real `next start` over the simulator, the simulator's log as
 * the witness of what reached the upstream, and the NDJSON parsed with the schemas the page uses.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "dana", password: "directory test password 42" };

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { cookie, ...headers } });

async function lines(res: Response): Promise<PeopleStreamLine[]> {
  const text = await res.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => peopleStreamLineSchema.parse(JSON.parse(l)));
}

function expectedPeopleIds(): Set<string> {
  const ids = new Set<string>();
  for (const o of sim.directory.organizations) for (const u of sim.directory.usersOf(o.uuid)) ids.add(u.id);
  for (const g of sim.directory.groups) for (const m of sim.directory.membersOf(g.id)) ids.add(m.user_id);
  return ids;
}

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "directory-route", orgUserCounts: [1200, 300, 80], groups: 6 }, [OFFICER], {
    DATA_DIR: `test-results/directory-route-data-${process.pid}`,
    COMPLIANCE_RATE_LIMIT_RPS: "8",
  }));
});

afterAll(() => closeLiveApp({ app, sim }));

beforeEach(async () => {
  await sim.clearLog();
  await sim.setFaults([]);
});

describe("GET /api/directory/people", () => {
  it("refuses a request without a session with 401 and calls no upstream", async () => {
    for (const path of ["/api/directory/people", "/api/directory/summary", "/api/directory/people/user_01abc"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(401);
    }
    expect(await sim.log()).toHaveLength(0);
  });

  it("streams progress, then every person once, then done with the counts", async () => {
    const res = await get("/api/directory/people");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const all = await lines(res);
    const types = all.map((l) => l.type);
    expect(types[0]).toBe("progress");
    expect(types.at(-1)).toBe("done");
    expect(types.indexOf("catalog")).toBeLessThan(types.indexOf("people"));

    const rows = all.flatMap((l) => (l.type === "people" ? l.rows : []));
    const expected = expectedPeopleIds();
    expect(rows).toHaveLength(expected.size);
    expect(new Set(rows.map((r) => r.id))).toEqual(expected);
    const done = all.at(-1)!;
    expect(done.type === "done" && done.counts).toMatchObject({ people: expected.size, memberships: sim.directory.totalMemberships, organizations: 3, groups: 6 });
  });

  it("answers again from the stored sync without calling the upstream, the refresh header included", async () => {
    await lines(await get("/api/directory/people"));
    await sim.clearLog();
    const again = await lines(await get("/api/directory/people"));
    expect(again.at(-1)!.type).toBe("done");
    const fresh = await lines(await get("/api/directory/people", { "x-dashboard-refresh": "1" }));
    expect(fresh.at(-1)!.type).toBe("done");
    // Reading the upstream again is a sync's job ("Sync now"), never a page load's.
    expect(await sim.log()).toHaveLength(0);
  });

  it("a sync that fails ends failed with the upstream's reason, and the previous sync is still served", async () => {
    const before = await lines(await get("/api/directory/people"));
    const builtAt = before.at(-1)!.type === "done" ? (before.at(-1) as { builtAt: number }).builtAt : 0;
    await sim.setFaults([{ path: "/users$", kind: "status", status: 403, errorType: "permission_error", message: "Missing required scopes. Got: [read:compliance_org_data] Needed one of: [read:compliance_user_data]" }]);
    const started = await fetch(`${app.url}/api/syncs`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: "{}" });
    expect(started.status).toBe(202);
    const { sync } = (await started.json()) as { sync: { id: string } };
    let ended: { status: string; error: { type: string; message: string } | null } | undefined;
    for (let i = 0; i < 600; i++) {
      const body = (await (await fetch(`${app.url}/api/syncs/${sync.id}`, { headers: { cookie } })).json()) as { sync: NonNullable<typeof ended> };
      if (body.sync.status !== "running") {
        ended = body.sync;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ended?.status).toBe("failed");
    expect(ended?.error?.type).toBe("upstream_permission");

    await sim.setFaults([]);
    const after = await lines(await get("/api/directory/people"));
    expect(after.at(-1)).toMatchObject({ type: "done", builtAt });
  });
});

describe("GET /api/directory/people/{userId}", () => {
  it("refuses an id that is not a user id with 400 before any upstream call", async () => {
    for (const bad of ["rbac_group_1", "user_", "user_a%2Fb", `user_${"x".repeat(124)}`]) {
      const res = await get(`/api/directory/people/${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect(await sim.log()).toHaveLength(0);
  });

  it("answers a person in several organizations with every organization, group and role path", async () => {
    const counts = new Map<string, string[]>();
    for (const o of sim.directory.organizations) for (const u of sim.directory.usersOf(o.uuid)) counts.set(u.id, [...(counts.get(u.id) ?? []), o.uuid]);
    const [id, orgs] = [...counts].find(([, o]) => o.length > 1)!;
    const res = await get(`/api/directory/people/${id}`);
    expect(res.status).toBe(200);
    const detail = personDetailSchema.parse(await res.json());
    expect(new Set(detail.organizations.map((o) => o.uuid))).toEqual(new Set(orgs));
    const groups = sim.directory.groups.filter((g) => sim.directory.membersOf(g.id).some((m) => m.user_id === id));
    expect(new Set(detail.groups.map((g) => g.id))).toEqual(new Set(groups.map((g) => g.id)));
    for (const p of detail.permissions) expect(p.paths.length).toBeGreaterThan(0);
  });

  it("streams progress and then the person when asked for NDJSON; an unknown id is a not-found error", async () => {
    const someone = sim.directory.usersOf(sim.directory.organizations[2]!.uuid)[0]!;
    const text = await (await get(`/api/directory/people/${someone.id}`, { accept: "application/x-ndjson" })).text();
    const parsed = text.split("\n").filter(Boolean).map((l) => personStreamLineSchema.parse(JSON.parse(l)));
    expect(parsed.at(-1)).toMatchObject({ type: "person", person: { person: { id: someone.id, email: someone.email } } });

    const missing = await get("/api/directory/people/user_01NoSuchPerson");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.type).toBe("not_found");
  });
});

describe("GET /api/directory/summary", () => {
  it("gives the directory's counts", async () => {
    const res = await get("/api/directory/summary");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.counts).toMatchObject({ organizations: 3, people: expectedPeopleIds().size, memberships: sim.directory.totalMemberships, groups: 6 });
    expect(typeof body.builtAt).toBe("number");
  });
});
