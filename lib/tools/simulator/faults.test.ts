import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type FaultRule, type SimulatorHandle } from "./server";
import { SIM_KEYS } from "./keys";

/*
 * Each fault kind does what the fault suites (issue 6) will count on, over real HTTP.
 */

let sim: SimulatorHandle;
let org: string;
let users: string;
const headers = { "x-api-key": SIM_KEYS.full };

beforeAll(async () => {
  sim = await startSimulator({ seed: "faults", orgUserCounts: [250, 30], groups: 4 });
  org = sim.directory.organizations[0]!.uuid;
  users = `/v1/compliance/organizations/${org}/users`;
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const get = (path: string, init: RequestInit = {}) => fetch(sim.url + path, { headers, ...init });

async function setFaultsOverHttp(rules: FaultRule[]) {
  const res = await fetch(`${sim.url}/__simulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rules }) });
  expect(res.status).toBe(200);
}

describe("fault rules", () => {
  it("status: answers the given status, error type, retry-after and headers, then lets requests through", async () => {
    await setFaultsOverHttp([{ kind: "status", status: 429, retryAfter: "2", times: 2, path: "/users$" }]);
    for (let i = 0; i < 2; i++) {
      const r = await get(users);
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("2");
      expect(r.headers.get("request-id")).toMatch(/^req_/);
      expect(((await r.json()) as { error: { type: string } }).error.type).toBe("rate_limit_error");
    }
    expect((await get(users)).status).toBe(200);
    expect((await get("/v1/compliance/organizations")).status).toBe(200);
    expect(sim.log().map((e) => [e.status, e.fault])).toEqual([[429, "status"], [429, "status"], [200, undefined], [200, undefined]]);
  });

  it("status: default error types per status, custom ones, and x-should-retry", async () => {
    sim.setFaults([
      { kind: "status", status: 529, times: 1 },
      { kind: "status", status: 503, skip: 1, times: 1 },
      { kind: "status", status: 500, errorType: "internal_error", message: "boom", headers: { "x-should-retry": "false" }, skip: 2, times: 1 },
    ]);
    const a = await get(users);
    expect([a.status, ((await a.json()) as { error: { type: string } }).error.type]).toEqual([529, "overloaded_error"]);
    const b = await get(users);
    expect([b.status, ((await b.json()) as { error: { type: string } }).error.type]).toEqual([503, "api_error"]);
    const c = await get(users);
    expect(c.status).toBe(500);
    expect(c.headers.get("x-should-retry")).toBe("false");
    expect(await c.json()).toEqual({ type: "error", error: { type: "internal_error", message: "boom" } });
    expect((await get(users)).status).toBe(200);
  });

  it("skip lets that many matching requests through first", async () => {
    sim.setFaults([{ kind: "status", status: 503, skip: 2, times: 1, path: "/users" }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(users)).status);
    expect(statuses).toEqual([200, 200, 503, 200]);
    expect(sim.faults()[0]).toMatchObject({ seen: 4, applied: 1 });
  });

  it("latency: delays the answer, which then arrives whole", async () => {
    sim.setFaults([{ kind: "latency", latencyMs: 400, times: 1 }]);
    await expect(get(users, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    sim.setFaults([{ kind: "latency", latencyMs: 150, times: 1 }]);
    const r = await get(users);
    expect(sim.log().at(-1)).toMatchObject({ status: 200, fault: "latency" });
    expect(((await r.json()) as { data: unknown[] }).data).toHaveLength(250);
  });

  it("hang: never answers, so only the client's timeout ends the request", async () => {
    sim.setFaults([{ kind: "hang", times: 1 }]);
    await expect(get(users, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect(sim.log()[0]).toMatchObject({ status: 0, fault: "hang" });
    expect((await get(users)).status).toBe(200);
  });

  it("reset: destroys the connection without an answer", async () => {
    sim.setFaults([{ kind: "reset", times: 1 }]);
    await expect(get(users)).rejects.toThrow(/fetch failed/);
    expect((await get(users)).status).toBe(200);
  });

  it("malformed: a 200 whose body is not JSON", async () => {
    sim.setFaults([{ kind: "malformed", times: 1 }]);
    const r = await get(users);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/application\/json/);
    await expect(r.json()).rejects.toThrow(SyntaxError);
  });

  it("truncate: promises the full length, sends part of the body, then cuts the connection", async () => {
    sim.setFaults([{ kind: "truncate", times: 1 }]);
    const r = await get(users);
    expect(r.status).toBe(200);
    const promised = Number(r.headers.get("content-length"));
    const whole = JSON.stringify({ data: sim.directory.usersOf(org) }).length;
    expect(promised).toBeGreaterThan(whole * 0.9);
    await expect(r.text()).rejects.toThrow();
  });

  it("content-type: a 200 text/html page instead of JSON", async () => {
    sim.setFaults([{ kind: "content-type", times: 1 }]);
    const r = await get(users);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await r.text()).toMatch(/<html/);
  });

  it("empty-page: no rows, has_more true and a fresh token that leads to the same rows", async () => {
    sim.setFaults([{ kind: "empty-page", skip: 1, times: 1, path: "/users" }]);
    const p1 = (await (await get(`${users}?limit=100`)).json()) as { data: unknown[]; next_page: string };
    const p2 = (await (await get(`${users}?limit=100&page=${p1.next_page}`)).json()) as { data: unknown[]; has_more: boolean; next_page: string };
    expect(p2).toMatchObject({ data: [], has_more: true });
    expect(p2.next_page).not.toBe(p1.next_page);
    const p3 = (await (await get(`${users}?limit=100&page=${p2.next_page}`)).json()) as { data: unknown[] };
    expect(p3.data).toEqual(sim.directory.usersOf(org).slice(100, 200));
  });

  it("repeat-token: answers with next_page equal to the token that was sent", async () => {
    sim.setFaults([{ kind: "repeat-token", skip: 1, path: "/users" }]);
    const p1 = (await (await get(`${users}?limit=100`)).json()) as { next_page: string };
    const p2 = (await (await get(`${users}?limit=100&page=${p1.next_page}`)).json()) as { data: unknown[]; has_more: boolean; next_page: string };
    expect(p2.has_more).toBe(true);
    expect(p2.next_page).toBe(p1.next_page);
    expect(p2.data).toEqual(sim.directory.usersOf(org).slice(100, 200));
  });

  it("duplicate: a page repeats the previous page's rows", async () => {
    sim.setFaults([{ kind: "duplicate", skip: 1, times: 1, path: "/users" }]);
    const p1 = (await (await get(`${users}?limit=100`)).json()) as { data: Array<{ id: string }>; next_page: string };
    const p2 = (await (await get(`${users}?limit=100&page=${p1.next_page}`)).json()) as { data: Array<{ id: string }>; has_more: boolean };
    expect(p2.data).toEqual(p1.data);
    expect(p2.has_more).toBe(true);
    // Asking for the same page again (the rule is spent) gives the real rows.
    const again = (await (await get(`${users}?limit=100&page=${p1.next_page}`)).json()) as { data: unknown[] };
    expect(again.data).toEqual(sim.directory.usersOf(org).slice(100, 200));
  });

  it("echoKey: quotes the x-api-key sent in request-id, and in a status answer's message", async () => {
    sim.setFaults([{ kind: "status", status: 500, echoKey: true }]);
    const r = await get(users);
    expect(r.headers.get("request-id")).toMatch(new RegExp(`^req_011C[0-9A-Za-z]+-${SIM_KEYS.full}$`));
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain(SIM_KEYS.full);
    sim.clearFaults();
    expect((await get(users)).headers.get("request-id")).not.toContain("sk-ant-");
  });

  it("page faults leave non-list answers alone", async () => {
    sim.setFaults([{ kind: "empty-page" }]);
    const r = await get(`/v1/compliance/organizations/${org}/settings`);
    expect(((await r.json()) as { organization_id: string }).organization_id).toBe(org);
  });

  it("rules are refused with 400 when malformed, and cleared by DELETE", async () => {
    for (const body of [{ rules: [{ kind: "nope" }] }, { rules: [{ kind: "status" }] }, { rules: [{ kind: "latency" }] }, { rules: [{ kind: "reset", path: "(" }] }, { rules: [{ kind: "malformed", echoKey: "yes" }] }, { rules: "x" }]) {
      const r = await fetch(`${sim.url}/__simulator/faults`, { method: "POST", body: JSON.stringify(body) });
      expect(r.status).toBe(400);
    }
    expect(() => sim.setFaults([{ kind: "status" } as FaultRule])).toThrow();
    sim.setFaults([{ kind: "status", status: 503 }]);
    await fetch(`${sim.url}/__simulator/faults`, { method: "DELETE" });
    expect((await get(users)).status).toBe(200);
  });

  it("close() returns promptly even with a request hanging and keep-alive sockets open", async () => {
    const other = await startSimulator({ seed: "close", orgs: 1, users: 5, groups: 0 });
    other.setFaults([{ kind: "hang", path: "/groups" }]);
    await fetch(`${other.url}/v1/compliance/organizations`, { headers });
    const hung = fetch(`${other.url}/v1/compliance/groups`, { headers }).catch((e: unknown) => e);
    while (other.log().length < 2) await new Promise((r) => setTimeout(r, 10));
    await other.close();
    expect(await hung).toBeInstanceOf(Error);
  });
});
