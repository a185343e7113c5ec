import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorHandle } from "./server";
import { SIM_KEYS } from "./keys";

/*
 * The simulator over real HTTP: what every other suite relies on it to do like the real API.
 */

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(sim: SimulatorHandle, path: string, key: string | null = SIM_KEYS.full): Promise<Answer> {
  const res = await fetch(sim.url + path, { headers: key === null ? {} : { "x-api-key": key } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Follows next_page to the end; returns the rows and every answer. */
async function walk(sim: SimulatorHandle, path: string, limit?: number) {
  const rows: any[] = [];
  const answers: Answer[] = [];
  let page: string | undefined;
  for (let i = 0; i < 100; i++) {
    const q = new URLSearchParams();
    if (limit !== undefined) q.set("limit", String(limit));
    if (page !== undefined) q.set("page", page);
    const a = await call(sim, q.size ? `${path}${path.includes("?") ? "&" : "?"}${q}` : path);
    expect(a.status).toBe(200);
    answers.push(a);
    rows.push(...a.body.data);
    if (!a.body.has_more) break;
    page = a.body.next_page;
  }
  return { rows, answers };
}

const expectError = (a: Answer, status: number, type: string, message?: string | RegExp) => {
  expect(a.status).toBe(status);
  expect(a.body.type).toBe("error");
  expect(a.body.error.type).toBe(type);
  if (message !== undefined) expect(a.body.error.message).toMatch(message);
  expect(a.headers.get("request-id")).toMatch(/^req_/);
};

describe("the simulator over HTTP", () => {
  let sim: SimulatorHandle;
  let big: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: "http", orgUserCounts: [2345, 40, 12, 0], groups: 12 });
    big = sim.directory.organizations[0]!.uuid;
  });
  afterAll(() => sim.close());

  it("walks a 2,345-user organization in 3 calls at limit=1000, every user exactly once, in API order", async () => {
    const { rows, answers } = await walk(sim, `/v1/compliance/organizations/${big}/users`, 1000);
    expect(answers).toHaveLength(3);
    expect(answers.map((a) => a.body.data.length)).toEqual([1000, 1000, 345]);
    expect(rows).toEqual(sim.directory.usersOf(big));
    expect(new Set(rows.map((u) => u.id)).size).toBe(2345);
    expect(answers.at(-1)!.body).toMatchObject({ has_more: false, next_page: null });
  });

  it("defaults to 500 rows a page", async () => {
    const { answers, rows } = await walk(sim, `/v1/compliance/organizations/${big}/users`);
    expect(answers.map((a) => a.body.data.length)).toEqual([500, 500, 500, 500, 345]);
    expect(rows).toHaveLength(2345);
  });

  it("hands out opaque tokens and refuses edited, foreign and other-list tokens with 400", async () => {
    const first = await call(sim, `/v1/compliance/organizations/${big}/users?limit=1000`);
    const token: string = first.body.next_page;
    expect(token).toMatch(/^page_[A-Za-z0-9_-]+$/);
    expect(token).not.toMatch(/^\d+$/);
    expect(token).not.toContain("1000");

    const flip = token.slice(0, -3) + (token.at(-3) === "A" ? "B" : "A") + token.slice(-2);
    for (const bad of [flip, "1000", "page_", "", "x".repeat(5000)]) {
      expectError(await call(sim, `/v1/compliance/organizations/${big}/users?page=${encodeURIComponent(bad)}`), 400, "invalid_request_error");
    }
    const other = sim.directory.organizations[1]!.uuid;
    expectError(await call(sim, `/v1/compliance/organizations/${other}/users?page=${token}`), 400, "invalid_request_error");

    const elsewhere = await startSimulator({ seed: "http", orgUserCounts: [2345, 40, 12, 0], groups: 12 });
    try {
      expectError(await call(elsewhere, `/v1/compliance/organizations/${big}/users?page=${token}`), 400, "invalid_request_error");
    } finally {
      await elsewhere.close();
    }
    // The same token keeps working, with any limit.
    const again = await call(sim, `/v1/compliance/organizations/${big}/users?page=${token}&limit=10`);
    expect(again.body.data.map((u: { id: string }) => u.id)).toEqual(sim.directory.usersOf(big).slice(1000, 1010).map((u) => u.id));
  });

  it("refuses a limit that is not an integer from 1 to 1000, and unknown or repeated parameters", async () => {
    const users = `/v1/compliance/organizations/${big}/users`;
    for (const bad of ["0", "1001", "-1", "1.5", "abc", "", "1e3", " 5"]) {
      expectError(await call(sim, `${users}?limit=${encodeURIComponent(bad)}`), 400, "invalid_request_error", /limit/);
    }
    expect((await call(sim, `${users}?limit=1`)).body.data).toHaveLength(1);
    expect((await call(sim, `${users}?limit=1000`)).body.data).toHaveLength(1000);
    expectError(await call(sim, `${users}?limit=5&limit=6`), 400, "invalid_request_error");
    expectError(await call(sim, `${users}?offset=5`), 400, "invalid_request_error", /offset/);
    expectError(await call(sim, `/v1/compliance/organizations/${big}/settings?limit=5`), 400, "invalid_request_error");
    expectError(await call(sim, `${users}?name_prefix=A`), 400, "invalid_request_error");
  });

  it("answers the documented authentication and permission errors", async () => {
    const orgs = "/v1/compliance/organizations";
    const settings = `/v1/compliance/organizations/${big}/settings`;
    expectError(await call(sim, orgs, null), 404, "not_found_error", /^Not found$/);
    expectError(await call(sim, `/v1/compliance/groups`, null), 404, "not_found_error", /^Not found$/);
    expectError(await call(sim, settings, null), 401, "authentication_error");
    expectError(await call(sim, orgs, "sk-ant-api01-nobody"), 401, "authentication_error", "API key is invalid.");
    expectError(await call(sim, orgs, SIM_KEYS.deactivated), 401, "authentication_error", /deactivated/);
    expectError(await call(sim, orgs, SIM_KEYS.expired), 401, "authentication_error", /expired/);
    expectError(await call(sim, orgs, SIM_KEYS.admin), 403, "permission_error");
    expectError(await call(sim, orgs, "sk-ant-admin01-anything-at-all"), 403, "permission_error");

    const users = `/v1/compliance/organizations/${big}/users`;
    expectError(await call(sim, users, SIM_KEYS.orgDataOnly), 403, "permission_error", /Missing required scopes\. Got: \['read:compliance_org_data'\] Needed one of: \['read:compliance_user_data', 'read:org_audit'\]/);
    expectError(await call(sim, orgs, SIM_KEYS.userDataOnly), 403, "permission_error", /read:compliance_org_data/);
    expect((await call(sim, orgs, SIM_KEYS.orgDataOnly)).status).toBe(200);
    expect((await call(sim, users, SIM_KEYS.userDataOnly)).status).toBe(200);
    expect((await call(sim, users, SIM_KEYS.auditOnly)).status).toBe(200);
    expect((await call(sim, settings, SIM_KEYS.auditOnly)).status).toBe(200);
    expect((await call(sim, orgs, SIM_KEYS.demo)).status).toBe(200);
  });

  it("answers 404 for unknown organizations, roles and groups, and the parent's settings", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expectError(await call(sim, `/v1/compliance/organizations/${unknown}/users`), 404, "not_found_error");
    expectError(await call(sim, `/v1/compliance/organizations/${unknown}/settings`), 404, "not_found_error");
    expectError(await call(sim, `/v1/compliance/organizations/not-a-uuid/settings`), 404, "not_found_error");
    expectError(await call(sim, `/v1/compliance/organizations/${sim.directory.parent.uuid}/settings`), 404, "not_found_error");
    expectError(await call(sim, `/v1/compliance/organizations/${big}/roles/rbac_role_nope`), 404, "not_found_error", "Role not found.");
    expectError(await call(sim, `/v1/compliance/organizations/${big}/roles/rbac_role_nope/permissions`), 404, "not_found_error", "Role not found.");
    expectError(await call(sim, `/v1/compliance/groups/rbac_group_nope`), 404, "not_found_error", "Group not found.");
    expectError(await call(sim, `/v1/compliance/groups/rbac_group_nope/members`), 404, "not_found_error", "Group not found.");
    expectError(await call(sim, `/v1/compliance/nothing-here`), 404, "not_found_error");
    // A role of another organization is not found under this one.
    const otherRole = sim.directory.rolesOf(sim.directory.organizations[1]!.uuid)[0]!.id;
    expectError(await call(sim, `/v1/compliance/organizations/${big}/roles/${otherRole}`), 404, "not_found_error", "Role not found.");
  });

  it("serves every endpoint with the directory's data", async () => {
    const d = sim.directory;
    expect((await walk(sim, "/v1/compliance/organizations")).rows).toEqual(d.organizations);
    expect((await walk(sim, `/v1/compliance/organizations/${big}/roles`)).rows).toEqual(d.rolesOf(big));
    const role = d.rolesOf(big).at(-1)!;
    expect((await call(sim, `/v1/compliance/organizations/${big}/roles/${role.id}`)).body).toEqual(role);
    const perms = await walk(sim, `/v1/compliance/organizations/${big}/roles/${role.id}/permissions`, 1000);
    expect(perms.rows).toEqual(d.permissionsOf(big, role.id));
    expect((await walk(sim, "/v1/compliance/groups", 5)).rows).toEqual(d.groups);
    const group = d.groups[0]!;
    expect((await call(sim, `/v1/compliance/groups/${group.id}`)).body).toEqual(group);
    expect((await walk(sim, `/v1/compliance/groups/${group.id}/members`, 1000)).rows).toEqual(d.membersOf(group.id));
    expect((await call(sim, `/v1/compliance/organizations/${big}/settings`)).body).toEqual(d.settingsOf(big));
    const empty = d.organizations[3]!.uuid;
    expect((await call(sim, `/v1/compliance/organizations/${empty}/users`)).body).toEqual({ data: [], has_more: false, next_page: null });
  });

  it("filters groups by a case-sensitive name prefix, with tokens bound to the filter", async () => {
    const d = sim.directory;
    const prefix = d.groups[1]!.name.slice(0, 3);
    const expected = d.groups.filter((g) => g.name.startsWith(prefix));
    const { rows } = await walk(sim, `/v1/compliance/groups?name_prefix=${encodeURIComponent(prefix)}`, 2);
    expect(rows).toEqual(expected);
    const lower = await call(sim, `/v1/compliance/groups?name_prefix=${encodeURIComponent(prefix.toLowerCase())}`);
    expect(lower.body.data).toEqual(d.groups.filter((g) => g.name.startsWith(prefix.toLowerCase())));

    const first = await call(sim, `/v1/compliance/groups?limit=1`);
    expect(first.body.has_more).toBe(true);
    expectError(await call(sim, `/v1/compliance/groups?limit=1&name_prefix=${encodeURIComponent(prefix)}&page=${first.body.next_page}`), 400, "invalid_request_error");
  });

  it("puts request-id on every answer, and the rate-limit headers on every answer past the limiter", async () => {
    for (const a of [await call(sim, "/v1/compliance/organizations"), await call(sim, "/v1/compliance/groups?limit=0")]) {
      expect(a.headers.get("request-id")).toMatch(/^req_[0-9A-Za-z]+$/);
      expect(a.headers.get("anthropic-ratelimit-requests-limit")).toBe("600");
      expect(Number(a.headers.get("anthropic-ratelimit-requests-remaining"))).toBeGreaterThanOrEqual(0);
      expect(Date.parse(a.headers.get("anthropic-ratelimit-requests-reset")!)).not.toBeNaN();
    }
    // Refused before the limiter (API.md): a keyless 404, a bad key's 401, an Admin key's 403.
    for (const a of [await call(sim, "/v1/compliance/organizations", null), await call(sim, "/v1/compliance/groups", "sk-ant-api01-nope"), await call(sim, "/v1/compliance/groups", SIM_KEYS.admin)]) {
      expect(a.status).toBeGreaterThanOrEqual(401);
      expect(a.headers.get("request-id")).toMatch(/^req_[0-9A-Za-z]+$/);
      expect([...a.headers.keys()].filter((h) => h.startsWith("anthropic-ratelimit-"))).toEqual([]);
    }
  });

  it("logs each request's arrival time, method, path, query and status", async () => {
    sim.clearLog();
    const before = Date.now();
    await call(sim, `/v1/compliance/organizations/${big}/users?limit=3`);
    await call(sim, "/v1/compliance/organizations", null);
    const after = Date.now();
    const viaHttp = (await (await fetch(`${sim.url}/__simulator/log`)).json()) as { entries: Array<Record<string, unknown>> };
    expect(viaHttp.entries).toEqual(sim.log());
    const [a, b] = sim.log();
    expect(a).toMatchObject({ method: "GET", path: `/v1/compliance/organizations/${big}/users`, query: "limit=3", status: 200, key: "full" });
    expect(b).toMatchObject({ path: "/v1/compliance/organizations", query: "", status: 404 });
    expect(a!.t).toBeGreaterThanOrEqual(before);
    expect(b!.t).toBeGreaterThanOrEqual(a!.t);
    expect(b!.t).toBeLessThanOrEqual(after);
    await fetch(`${sim.url}/__simulator/log`, { method: "DELETE" });
    expect(sim.log()).toEqual([]);
  });

  it("serves the same data for the same seed from another instance", async () => {
    const twin = await startSimulator({ seed: "http", orgUserCounts: [2345, 40, 12, 0], groups: 12 });
    try {
      const a = await walk(sim, `/v1/compliance/organizations/${big}/users`, 1000);
      const b = await walk(twin, `/v1/compliance/organizations/${big}/users`, 1000);
      expect(b.rows).toEqual(a.rows);
    } finally {
      await twin.close();
    }
  });
});

describe("the organizations list", () => {
  it("is paginated by default: 1,001 organizations come in two pages", async () => {
    const sim = await startSimulator({ seed: "many", orgs: 1001, users: 1001, groups: 0 });
    try {
      const { rows, answers } = await walk(sim, "/v1/compliance/organizations");
      expect(answers.map((a) => a.body.data.length)).toEqual([1000, 1]);
      expect(rows).toEqual(sim.directory.organizations);
      expectError(await call(sim, "/v1/compliance/organizations?limit=1001"), 400, "invalid_request_error");
    } finally {
      await sim.close();
    }
  });

  it("in the legacy form answers 500 Maximum Response Size Exceeded beyond 1,000 organizations", async () => {
    const sim = await startSimulator({ seed: "many", orgs: 1001, users: 1001, groups: 0, legacyOrganizations: true });
    try {
      expectError(await call(sim, "/v1/compliance/organizations"), 500, "api_error", "Maximum Response Size Exceeded");
    } finally {
      await sim.close();
    }
  });

  it("in the legacy form answers every organization at once up to 1,000, and takes no parameters", async () => {
    const sim = await startSimulator({ seed: "many", orgs: 1000, users: 1000, groups: 0, legacyOrganizations: true });
    try {
      const a = await call(sim, "/v1/compliance/organizations");
      expect(a.status).toBe(200);
      expect(a.body).toEqual({ data: sim.directory.organizations });
      expectError(await call(sim, "/v1/compliance/organizations?limit=1000"), 400, "invalid_request_error");
    } finally {
      await sim.close();
    }
  });
});

describe("the rate limit", () => {
  it("answers 429 rate_limit_error with retry-after once the parent's per-minute budget is spent, across keys", async () => {
    const sim = await startSimulator({ seed: "rate", orgs: 2, users: 10, groups: 1, ratePerMinute: 5 });
    try {
      const keys = [SIM_KEYS.full, SIM_KEYS.demo, SIM_KEYS.orgDataOnly, SIM_KEYS.full, SIM_KEYS.auditOnly];
      const remaining: number[] = [];
      for (const k of keys) {
        const a = await call(sim, "/v1/compliance/organizations", k);
        expect(a.status).toBe(200);
        remaining.push(Number(a.headers.get("anthropic-ratelimit-requests-remaining")));
      }
      expect(remaining).toEqual([4, 3, 2, 1, 0]);
      const refused = await call(sim, "/v1/compliance/groups", SIM_KEYS.demo);
      expectError(refused, 429, "rate_limit_error");
      const wait = Number(refused.headers.get("retry-after"));
      expect(Number.isInteger(wait)).toBe(true);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
      expect(sim.log().map((e) => e.status)).toEqual([200, 200, 200, 200, 200, 429]);

      await fetch(`${sim.url}/__simulator/reset`, { method: "POST" });
      expect((await call(sim, "/v1/compliance/organizations")).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
