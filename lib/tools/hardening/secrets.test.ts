import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { refreshHeaders } from "@/lib/server/http/refresh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDir } from "@/lib/tools/testing/app-server";
import { ACCESS_KEY, STACK_TRACE_RE, startStack, type Stack } from "./stack";
import { endpointPaths } from "@/lib/tools/testing/endpoint-paths";

/*
 * The access key reads every user of the enterprise; it lives in the server's environment and
 * nowhere else. After a production build, this looks for it in everything that leaves the
 * server: every file under the build's static folder, every page's HTML (and its RSC payload),
 * every API answer and header, and the server's own log output, including when the upstream
 * answers errors that quote the key back.
 */

const ROOT = path.resolve(__dirname, "../../..");
/** Any Anthropic key shape: none belongs in a browser, whatever its kind. */
const ANY_KEY = /sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{8,}/;

let s: Stack;
let seedListId: string;
let syncId: string;

beforeAll(async () => {
  s = await startStack({ name: "secrets", sim: { seed: "hardening-secrets", orgs: 2, users: 60, groups: 4 } });
  const res = await s.request("/api/seed-lists", {
    method: "POST",
    headers: { "content-type": "application/json", origin: s.app.url },
    body: JSON.stringify({ name: "Secrets check", sources: [{ kind: "paste", text: s.sim.directory.usersOf(s.sim.directory.organizations[0]!.uuid)[0]!.email }] }),
  });
  expect(res.status).toBe(201);
  seedListId = ((await res.json()) as { id: string }).id;
  // A complete sync, so every store-backed route has something to answer from.
  const started = await s.request("/api/syncs", { method: "POST", headers: { "content-type": "application/json", origin: s.app.url }, body: "{}" });
  expect(started.status).toBe(202);
  syncId = ((await started.json()) as { sync: { id: string } }).sync.id;
  for (let i = 0; i < 600; i++) {
    const body = (await (await s.request(`/api/syncs/${syncId}`)).json()) as { sync: { status: string } };
    if (body.sync.status !== "running") break;
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  await s?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Real ids for every dynamic segment a route pattern can hold. */
function fill(pattern: string): string {
  const d = s.sim.directory;
  const org = d.organizations[0]!;
  const ids: Record<string, string> = {
    orgUuid: org.uuid,
    roleId: d.rolesOf(org.uuid)[0]!.id,
    groupId: d.groups[0]!.id,
    userId: d.usersOf(org.uuid)[0]!.id,
    // A saved reconciliation's page takes any id of its shape (the page asks for it once it runs).
    id: pattern.startsWith("/reconciliation/") ? "rc_not0saved0here" : seedListId,
  };
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    const v = ids[name];
    if (!v) throw new Error(`no id for [${name}] in ${pattern}: add one to fill()`);
    return v;
  });
}

function routes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, buildDir(), "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return Object.values(manifest);
}

function expectNoKey(where: string, text: string) {
  expect(text.includes(ACCESS_KEY), `${where} holds the access key`).toBe(false);
  expect(ANY_KEY.exec(text)?.[0], `${where} holds something shaped like a key`).toBeUndefined();
}

describe("the access key never leaves the server", () => {
  it("is in no file of the build's static folder (what browsers download)", () => {
    const files = filesUnder(path.join(ROOT, buildDir(), "static"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expectNoKey(path.relative(ROOT, f), readFileSync(f, "latin1"));
  });

  it("is in no page's HTML or RSC payload, fetched as a logged-in officer", async () => {
    const pages = routes().filter((r) => !r.startsWith("/api/") && !r.startsWith("/_"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const url = fill(page);
      const html = await s.request(url);
      // The login page sends a logged-in officer on to the dashboard, /settings to /settings/compare, an
      // organization's own address to its users; /unavailable is the 503 page for a database outage.
      const redirects = page === "/login" || page === "/settings" || page === "/organizations/[orgUuid]";
      expect(html.status === 200 || (redirects && html.status === 307) || (page === "/unavailable" && html.status === 503), `${url} answered ${html.status}`).toBe(true);
      expectNoKey(`${url} (HTML)`, await html.text());
      const rsc = await s.request(url, { headers: { rsc: "1" } });
      expectNoKey(`${url} (RSC)`, await rsc.text());
    }
  });

  it("is in no answer or header of any API route", async () => {
    const apis = routes().filter((r) => r.startsWith("/api/"));
    const d = s.sim.directory;
    const org = d.organizations[0]!.uuid;
    const role = d.rolesOf(org)[0]!.id;
    const group = d.groups[0]!.id;
    const saved = await s.request("/api/reconciliations", {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.app.url },
      body: JSON.stringify({ name: "Secrets check", group_id: group, expected: { kind: "paste", text: d.membersOf(group)[0]!.email } }),
    });
    expect(saved.status).toBe(201);
    const savedBody = (await saved.json()) as { id?: string; reconciliation?: { id: string } };
    const rc = savedBody.id ?? savedBody.reconciliation!.id;
    const gets = [
      `/api/reconciliations/${rc}`,
      `/api/reconciliations/${rc}/compare?a=1&b=1`,
      "/api/health",
      "/api/auth/me",
      "/api/audit",
      "/api/audit.csv",
      ...endpointPaths("/api/compliance", { org, role, group }),
      "/api/directory/summary",
      "/api/directory/overview",
      "/api/directory/settings",
      "/api/directory/roles",
      "/api/directory/group-sizes",
      `/api/directory/group-members/${group}`,
      "/api/directory/people",
      "/api/directory/people/query?q=a&limit=5",
      `/api/directory/people/${d.usersOf(org)[0]!.id}`,
      "/api/export/users.csv",
      "/api/export/users.ndjson",
      "/api/export/roles.csv",
      "/api/export/groups.csv",
      "/api/export/settings.csv",
      "/api/seed-lists",
      `/api/seed-lists/${seedListId}`,
      `/api/seed-lists/${seedListId}/download?format=json`,
      "/api/audit.xlsx",
      "/api/audit/verify",
      "/api/syncs",
      `/api/syncs/${syncId}`,
      `/api/directory/changes?from=${syncId}&to=${syncId}`,
      `/api/directory/changes/summary?from=${syncId}&to=${syncId}`,
      `/api/directory/changes.csv?from=${syncId}&to=${syncId}`,
      `/api/directory/changes.ndjson?from=${syncId}&to=${syncId}`,
      `/api/directory/organizations`,
      `/api/directory/organizations/${org}/users`,
      `/api/directory/groups`,
      `/api/directory/groups/${group}/members`,
      `/api/directory/history/person/${d.usersOf(org)[0]!.id}`,
      `/api/directory/history/group/${group}`,
      `/api/directory/history/role/${org}/${role}`,
      `/api/directory/history/settings/${org}`,
      "/api/directory/privileged",
      "/api/directory/privileged/query?q=a&limit=5",
      `/api/directory/search?q=${encodeURIComponent(d.usersOf(org)[0]!.email)}`,
      "/api/export/users.xlsx",
      "/api/export/roles.xlsx",
      "/api/export/groups.xlsx",
      "/api/export/settings.xlsx",
      "/api/export/privileged.csv",
      "/api/reconciliations",
      "/api/views?path=/people",
    ];
    // Every GET route of the build is covered above (a new one must be added here).
    for (const r of apis) {
      const pattern = r.replace(/\./g, "\\.").replace(/\/\[\[\\\.\\\.\\\.\w+\]\]/g, "(/.+)?").replace(/\[\\\.\\\.\\\.\w+\]/g, ".+").replace(/\[\w+\]/g, "[^/]+");
      const covered = gets.some((g) => new RegExp(`^${pattern}(\\?|$)`).test(g));
      const postOnly =
        /\/(login|logout|resolve|re-resolve|reconciliation(\/bulk)?|downloads\/table|runs|file)$/.test(r) ||
        ["/api/[...unknown]", "/api/views/[id]"].includes(r);
      expect(covered || postOnly, `${r} is not fetched by this test`).toBe(true);
    }
    for (const g of gets) {
      const res = await s.request(g);
      expect(res.status, g).toBe(200);
      const text = await (await s.readAll(res)).text;
      expectNoKey(g, text + JSON.stringify([...res.headers]));
    }
    const posts: [string, unknown][] = [
      ["/api/seed-lists/resolve", { sources: [{ kind: "paste", text: "nobody@example.com" }] }],
      [`/api/seed-lists/${seedListId}/re-resolve`, {}],
      ["/api/reconciliation", { group_id: group, expected: { kind: "paste", text: d.membersOf(group)[0]!.email } }],
      ["/api/reconciliation/bulk", { input: { kind: "paste", text: `${group},${d.membersOf(group)[0]!.email}` } }],
      [`/api/reconciliations/${rc}/file`, { run: 1, list: "all" }],
    ];
    for (const [p, body] of posts) {
      const res = await s.request(p, { method: "POST", headers: { "content-type": "application/json", origin: s.app.url }, body: JSON.stringify(body) });
      expect(res.status, p).toBeLessThan(300);
      expectNoKey(p, (await res.text()) + JSON.stringify([...res.headers]));
    }
    expect((await s.sim.log()).every((e) => e.key === "full" || e.key === undefined)).toBe(true);
  });

  it.each([
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [403, "permission_error"],
    [404, "not_found_error"],
    [500, "api_error"],
    [503, "overloaded_error"],
  ])("is not echoed when an upstream %i error quotes it back", async (status, errorType) => {
    await s.sim.reset();
    await s.sim.setFaults([
      {
        path: "^/v1/compliance/groups$",
        kind: "status",
        status,
        errorType,
        message: `Rejected x-api-key ${ACCESS_KEY} (also tried sk-ant-admin01-OtherKeyOf40Characters_abcdefghij) for this request`,
        headers: { "x-should-retry": "false" },
      },
    ]);
    const res = await s.request("/api/compliance/groups", { headers: refreshHeaders(true) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const text = await res.text();
    expectNoKey(`an answer to an upstream ${status}`, text + JSON.stringify([...res.headers]));
    expect(text).not.toMatch(STACK_TRACE_RE);
    await s.sim.clearFaults();
  });

  it("does not pass on a body that is not the API's (an HTML page or broken JSON) in an error", async () => {
    await s.sim.reset();
    // One resource per case: refreshing the same resource again so soon is refused per officer (429).
    const org = s.sim.directory.organizations[0]!.uuid;
    for (const [kind, resource] of [["content-type", `organizations/${org}/settings`], ["malformed", "organizations"]] as const) {
      await s.sim.setFaults([{ path: `^/v1/compliance/${resource}$`, kind }]);
      const res = await s.request(`/api/compliance/${resource}`, { headers: refreshHeaders(true) });
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(text).not.toMatch(/Checking your browser|Priya Sharma|<html/i);
    }
    await s.sim.clearFaults();
  });

  it("is not passed on, logged or stored when the upstream echoes it in request-id (issue 10, item 6)", async () => {
    await s.sim.reset();
    const d = s.sim.directory;
    const org = d.organizations[0]!.uuid;
    const group = d.groups[1]!.id;
    // Resources no other case here refreshes: a refresh of one resource is limited per officer.
    // An error: the request id is still quoted to the officer (support asks for it), scrubbed.
    await s.sim.setFaults([
      { path: "^/v1/compliance/groups/[^/]+$", kind: "status", status: 500, echoKey: true, headers: { "x-should-retry": "false" } },
      { path: "/roles$", kind: "latency", latencyMs: 0, echoKey: true },
    ]);
    const failed = await s.request(`/api/compliance/groups/${group}`, { headers: refreshHeaders(true) });
    expect(failed.status).toBe(502);
    const text = await failed.text();
    expectNoKey("an answer to an upstream error with the key in request-id", text + JSON.stringify([...failed.headers]));
    expect((JSON.parse(text) as { error: { request_id?: string } }).error.request_id).toMatch(/^req_011C[0-9A-Za-z]+-\[redacted key\]$/);
    // A success whose request-id carries the key.
    const ok = await s.request(`/api/compliance/organizations/${org}/roles`, { headers: refreshHeaders(true) });
    expect(ok.status).toBe(200);
    expectNoKey("an answer whose upstream request-id held the key", (await ok.text()) + JSON.stringify([...ok.headers]));
    const applied = (await s.sim.log()).filter((e) => e.fault === "status" || e.fault === "latency");
    expect(applied.map((e) => e.fault).sort()).toEqual(["latency", "status"]);
    await s.sim.clearFaults();
    const audit = await s.request("/api/audit");
    expectNoKey("the audit log", await audit.text());
  });

  it("is not in the server's log output", () => {
    const out = s.app.output();
    expect(out.length).toBeGreaterThan(0);
    expect(out.includes(ACCESS_KEY)).toBe(false);
    expect(ANY_KEY.test(out)).toBe(false);
  });
});
