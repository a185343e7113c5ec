import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, syncToEnd } from "@/lib/tools/testing/live-app";
import { peopleQueryAnswerSchema } from "@/lib/shared/directory/people-query-wire";

/*
 * GET (and POST) /api/directory/people/query through the built app (`next start`) over the
 * simulator: bad parameters are refused before anything is read (the simulator's log stays empty),
 * answers come from the store with no upstream call, and `as_of` reads an older sync. Expected
 * counts come from the simulator's records.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "pia", password: "people query test password 7" };

const PATH = "/api/directory/people/query";
const get = (qs: string) => fetch(`${app.url}${PATH}?${qs}`, { headers: { cookie } });
const answerOf = async (res: Response) => {
  expect(res.status).toBe(200);
  return peopleQueryAnswerSchema.parse(await res.json());
};

/** Distinct people in the simulator: organization users and group members. */
function simPeople(): Map<string, { email: string; roles: Set<string> }> {
  const people = new Map<string, { email: string; roles: Set<string> }>();
  for (const o of sim.directory.organizations)
    for (const u of sim.directory.usersOf(o.uuid)) {
      const p = people.get(u.id) ?? { email: u.email, roles: new Set<string>() };
      p.roles.add(u.organization_role);
      people.set(u.id, p);
    }
  for (const g of sim.directory.groups) for (const m of sim.directory.membersOf(g.id)) if (!people.has(m.user_id)) people.set(m.user_id, { email: m.email, roles: new Set() });
  return people;
}

let firstSync: string;

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "people-query-route", orgUserCounts: [300, 90], groups: 5 }, [OFFICER], { COMPLIANCE_RATE_LIMIT_RPS: "10", COMPLIANCE_SYNC_INTERVAL_MINUTES: "0" }));
  firstSync = (await syncToEnd(app, cookie)).id;
}, 120_000);

afterAll(async () => {
  await closeLiveApp({ app, sim });
});

beforeEach(async () => {
  await sim.clearLog();
});

describe("GET /api/directory/people/query", () => {
  it("refuses bad parameters with a 400 in the error shape that names them, and calls nothing upstream", async () => {
    const bad: [string, RegExp][] = [
      ["sort=password", /sort/],
      ["sort=name,email,id,domain", /sort/],
      ["limit=100000", /limit/],
      ["offset=-1", /offset/],
      ["q=a&q=b", /"q".*more than once/],
      ["role=admin&fresh=1", /"fresh"/],
      ["ids=true", /ids/],
      ["as_of=yesterday", /as_of/],
      [`role=${"x".repeat(401)}`, /role/],
    ];
    for (const [qs, message] of bad) {
      const res = await get(qs);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type, qs).toBe("invalid_request");
      expect(body.error.message, qs).toMatch(message);
    }
    expect((await fetch(`${app.url}${PATH}`)).status).toBe(401);
    expect(await sim.log()).toHaveLength(0);
  });

  it("a well-formed as_of that names no sync is a 404", async () => {
    const res = await get("as_of=sync_abcdefgh_0123456789ab");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("sync_not_found");
  });

  it("answers a window, the counts and the facets from the store, with no upstream call", async () => {
    const people = simPeople();
    const a = await answerOf(await get("sort=email&limit=25"));
    expect(a).toMatchObject({ total: people.size, matched: people.size, offset: 0, sync: firstSync });
    expect(a.rows).toHaveLength(25);
    const emails = [...people.values()].map((p) => p.email.toLowerCase()).sort();
    expect(a.rows.map((r) => r.email.toLowerCase())).toEqual(emails.slice(0, 25));
    const admins = [...people.values()].filter((p) => p.roles.has("admin")).length;
    expect(new Map(a.facets!.role).get("admin")).toBe(admins);

    const filtered = await answerOf(await get("role=admin&ids=1&limit=0"));
    expect(filtered.matched).toBe(admins);
    expect(new Set(filtered.ids)).toEqual(new Set([...people].filter(([, p]) => p.roles.has("admin")).map(([id]) => id)));
    expect(await sim.log()).toHaveLength(0);
  });

  it("takes a pasted list too long for a URL as a POST body, and reports what it did not find", async () => {
    const people = [...simPeople().values()];
    const list = [...people.slice(0, 300).map((p) => p.email), "ghost@nowhere.test"].join("\n");
    const res = await fetch(`${app.url}${PATH}`, {
      method: "POST",
      headers: { cookie, origin: app.url, "content-type": "application/json" },
      body: JSON.stringify({ query: new URLSearchParams({ q: list, limit: "0" }).toString() }),
    });
    const a = await answerOf(res);
    expect(a.matched).toBe(300);
    expect(a.list).toEqual({ total: 301, found: 300, missing: ["ghost@nowhere.test"] });
  });

  it("the audited People download of \"all matching\" holds the rows this route names, in its order", async () => {
    const view = "role=admin&sort=-email";
    const ids = (await answerOf(await get(`${view}&ids=1&limit=0`))).ids!;
    expect(ids.length).toBeGreaterThan(1);
    const post = (body: unknown) =>
      fetch(`${app.url}/api/downloads/table`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: JSON.stringify(body) });
    const request = { table: "people", sync: firstSync, rows: "matching", ids: [], query: view, columns: ["user_id", "email"], view: ["Organization role: admin"], format: "csv" };
    const res = await post(request);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("user_id,email");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(ids);

    const refused = await post({ ...request, query: "sort=password" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/sort/);
    expect((await post({ ...request, table: "groups" })).status).toBe(400);
  });

  it("as_of reads the people of an older sync; without it, the newest", async () => {
    const [joined] = sim.mutate([{ kind: "member_joined", org: sim.directory.organizations[1]!.uuid, full_name: "Query Newcomer" }] as never);
    const newest = await syncToEnd(app, cookie);
    const now = await answerOf(await get(`q=${joined!.user_id}&ids=1`));
    expect(now).toMatchObject({ sync: newest.id, matched: 1, ids: [joined!.user_id] });
    const then = await answerOf(await get(`q=${joined!.user_id}&ids=1&as_of=${firstSync}`));
    expect(then).toMatchObject({ sync: firstSync, matched: 0, ids: [] });
    expect(then.total).toBe(now.total - 1);
  }, 120_000);
});
