import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { login, type AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp } from "@/lib/tools/testing/live-app";

/*
 * The cache as an officer meets it, through the built app (`next start`) and its proxy route:
 * what the simulator's log shows reaching the upstream, the freshness headers, and that nothing
 * cached ever reaches someone without a session.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "casey", password: "cache-test password 0123" };

const apiCalls = () => sim.log().filter((e) => e.path.startsWith("/v1/"));
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { cookie, ...headers } });

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "proxy-cache", orgs: 3, users: 2_500, groups: 4, ratePerMinute: 60_000 }, [OFFICER], {
    COMPLIANCE_RATE_LIMIT_RPS: "8",
    COMPLIANCE_CACHE_TTL_SECONDS: "300",
  }));
});

afterAll(() => closeLiveApp({ app, sim }));

beforeEach(() => sim.clearLog());

describe("the proxy's cache", () => {
  it("20 concurrent identical requests from officers cost one upstream call", async () => {
    const org = sim.directory.organizations[0]!.uuid;
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`/api/compliance/organizations/${org}/users?limit=1000`)));
    for (const res of answers) expect(res.status).toBe(200);
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ data: Array<{ id: string }> }>));
    const expected = sim.directory.usersOf(org).slice(0, 1000).map((u) => u.id);
    for (const b of bodies) expect(b.data.map((u) => u.id)).toEqual(expected);
    expect(apiCalls()).toHaveLength(1);
  });

  it("a second identical request within the TTL costs no upstream call and says how old its data is", async () => {
    const org = sim.directory.organizations[1]!.uuid;
    const first = await get(`/api/compliance/organizations/${org}/settings`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-data-cache")).toBe("miss");
    const fetchedAt = first.headers.get("x-data-fetched-at");
    expect(new Date(fetchedAt!).toISOString()).toBe(fetchedAt);

    const second = await get(`/api/compliance/organizations/${org}/settings`);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-data-cache")).toBe("hit");
    expect(second.headers.get("x-data-fetched-at")).toBe(fetchedAt);
    expect(await second.json()).toEqual(await first.json());
    expect(apiCalls()).toHaveLength(1);
  });

  it("a refresh (x-dashboard-refresh: 1) calls the upstream, and later requests get the refreshed answer", async () => {
    const org = sim.directory.organizations[2]!.uuid;
    const first = await get(`/api/compliance/organizations/${org}/roles`);
    const refreshed = await get(`/api/compliance/organizations/${org}/roles`, { "x-dashboard-refresh": "1" });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get("x-data-cache")).toBe("miss");
    expect(apiCalls()).toHaveLength(2);
    expect(Date.parse(refreshed.headers.get("x-data-fetched-at")!)).toBeGreaterThanOrEqual(Date.parse(first.headers.get("x-data-fetched-at")!));
    const after = await get(`/api/compliance/organizations/${org}/roles`);
    expect(after.headers.get("x-data-cache")).toBe("hit");
    expect(after.headers.get("x-data-fetched-at")).toBe(refreshed.headers.get("x-data-fetched-at"));
    expect(apiCalls()).toHaveLength(2);
  });

  it("a request without a session gets 401 and none of the data, even when the answer is cached", async () => {
    const org = sim.directory.organizations[0]!.uuid;
    const path = `/api/compliance/organizations/${org}/users?limit=1000`;
    const cached = await get(path);
    expect(cached.headers.get("x-data-cache")).toBe("hit");
    const secret = sim.directory.usersOf(org)[0]!.email;

    const refusals = [
      await fetch(`${app.url}${path}`),
      await fetch(`${app.url}${path}`, { headers: { cookie: "cd_session=forged" } }),
      await fetch(`${app.url}${path}`, { headers: { cookie: cookie.replace(/=(.{8})/, "=AAAAAAAA") } }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(401);
      expect(res.headers.get("x-data-cache")).toBeNull();
      expect(res.headers.get("x-data-fetched-at")).toBeNull();
      const text = await res.text();
      expect(text).not.toContain(secret);
      expect(JSON.parse(text).error.type).toBeTruthy();
    }

    // A logged-out session is worthless too, cached answer or not.
    const own = await login(app.url, OFFICER.username, OFFICER.password);
    expect((await fetch(`${app.url}${path}`, { headers: { cookie: own } })).headers.get("x-data-cache")).toBe("hit");
    expect((await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { cookie: own, origin: app.url } })).status).toBe(204);
    const after = await fetch(`${app.url}${path}`, { headers: { cookie: own } });
    expect(after.status).toBe(401);
    expect(await after.text()).not.toContain(secret);
    expect(apiCalls()).toHaveLength(0);
  });
});
