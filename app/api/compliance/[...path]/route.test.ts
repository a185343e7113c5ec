import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp } from "@/lib/tools/testing/live-app";

/*
 * The proxy, end to end: a real `next start` in live mode holding a simulator key, and the
 * simulator's request log as the witness of what reached the upstream.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const seen: string[] = []; // every body and header the app sent back, for the key-leak check

const OFFICER = { username: "alice", password: "correct horse battery staple" };

async function get(path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${app.url}${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });
  const text = await res.clone().text();
  seen.push(text, JSON.stringify([...res.headers]));
  return res;
}

async function upstreamCalls(): Promise<number> {
  return (await sim.log()).length;
}

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "proxy-test", orgs: 3, users: 400, groups: 6 }, [OFFICER], {
    DATA_DIR: `test-results/proxy-test-data-${process.pid}`,
    COMPLIANCE_RATE_LIMIT_RPS: "8",
  }));
});

afterAll(() => closeLiveApp({ app, sim }));

beforeEach(async () => {
  await sim.clearLog();
});

describe("GET /api/compliance/<path>", () => {
  it("answers health without a session and without calling upstream", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(await upstreamCalls()).toBe(0);
  });

  it("refuses a request without a session with 401 and calls no upstream", async () => {
    const res = await fetch(`${app.url}/api/compliance/organizations`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBeTruthy();
    expect(await upstreamCalls()).toBe(0);
  });

  it("passes the organization list through with every field the upstream sent", async () => {
    const res = await get("/api/compliance/organizations");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((o: { uuid: string }) => o.uuid)).toEqual(sim.directory.organizations.map((o) => o.uuid));
    expect(Object.keys(body.data[0]).sort()).toEqual(Object.keys(sim.directory.organizations[0]!).sort());
  });

  it("passes limit and page through unchanged and answers the upstream's page", async () => {
    const org = sim.directory.organizations[0]!;
    const first = await (await get(`/api/compliance/organizations/${org.uuid}/users?limit=7`)).json();
    expect(first.data).toHaveLength(7);
    expect(first.has_more).toBe(true);
    const second = await (await get(`/api/compliance/organizations/${org.uuid}/users?limit=7&page=${encodeURIComponent(first.next_page)}`)).json();
    const expected = sim.directory.usersOf(org.uuid).slice(7, 14).map((u) => u.id);
    expect(second.data.map((u: { id: string }) => u.id)).toEqual(expected);
  });

  it.each([
    ["/api/compliance/organizations/not-a-uuid/users", 400],
    ["/api/compliance/organizations?limit=0", 400],
    ["/api/compliance/organizations?limit=1001", 400],
    ["/api/compliance/organizations?limit=ten", 400],
    ["/api/compliance/organizations?unknown=1", 400],
    ["/api/compliance/organizations?limit=1&limit=2", 400],
    [`/api/compliance/organizations?page=${"x".repeat(4097)}`, 400],
    ["/api/compliance/groups/rbac%2Fgroup", 400],
    ["/api/compliance/groups/..%2F..%2Fsecrets", 400],
    ["/api/compliance/groups/a%00b", 400],
    [`/api/compliance/groups/${"g".repeat(129)}`, 400],
    ["/api/compliance/groups/caf%C3%A9", 400],
    ["/api/compliance/activities", 404],
  ])("refuses %s with %i and sends nothing upstream", async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.message).toMatch(/\w/);
    expect(await upstreamCalls()).toBe(0);
  });

  it("reports an unknown group as 404 with the upstream's request id", async () => {
    const res = await get("/api/compliance/groups/rbac_group_doesnotexist");
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.upstream_status).toBe(404);
    expect(body.error.request_id).toMatch(/\w+/);
  });

  it("never shows the access key in any answer, header or server log line", async () => {
    await get("/api/compliance/groups");
    await get(`/api/compliance/organizations/${sim.directory.organizations[0]!.uuid}/settings`);
    for (const text of seen) expect(text).not.toContain(SIM_KEYS.full);
    expect(app.output()).not.toContain(SIM_KEYS.full);
  });
});

describe("login and logout", () => {
  it("refuses a wrong password with 401", async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ username: OFFICER.username, password: "wrong" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  it("sets an httpOnly, SameSite=Lax cookie, and logout makes it worthless", async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify(OFFICER),
    });
    expect(res.status).toBe(204);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const mine = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect((await fetch(`${app.url}/api/compliance/organizations`, { headers: { cookie: mine } })).status).toBe(200);
    const out = await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { cookie: mine, origin: app.url } });
    expect(out.status).toBe(204);
    expect((await fetch(`${app.url}/api/compliance/organizations`, { headers: { cookie: mine } })).status).toBe(401);
  });
});
