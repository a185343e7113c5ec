import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultRule, LogEntry } from "@/lib/tools/simulator/server";
import { busiestSecond, errorOf, maxStartsPerSecond, STACK_TRACE_RE, startStack, type Stack } from "./stack";

/*
 * Every fault the upstream (or the network before it) can throw at the dashboard, through the
 * app's own routes, against a real `next start`. For each one the officer gets either the whole,
 * correct answer (checked against the simulator's data) or an error that names the cause and the
 * request id; never a partial list that looks whole. Exports that cannot finish break their body
 * and are audited "aborted". The simulator's log is the witness that every retry is bounded and
 * that no second ever saw more request starts than the configured rate.
 */

const RATE = 8;
const MAX_RETRIES = 2;
const ATTEMPTS = MAX_RETRIES + 1;

let s: Stack;
/** Every request the simulator saw during the suite, for the rate check at the end. */
const everything: LogEntry[] = [];

beforeAll(async () => {
  s = await startStack({
    name: "faults",
    // Org 1 has three pages of users at limit=1000, and group 0 (all of org 1) three pages of members.
    sim: { seed: "hardening-faults", orgUserCounts: [2100, 30, 20], groups: 4 },
    env: {
      COMPLIANCE_RATE_LIMIT_RPS: String(RATE),
      COMPLIANCE_REQUEST_TIMEOUT_MS: "1500",
      COMPLIANCE_MAX_RETRIES: String(MAX_RETRIES),
      // Every request reaches the simulator: no answer or snapshot is reused between cases.
      COMPLIANCE_CACHE_TTL_SECONDS: "0",
    },
  });
});

afterAll(async () => {
  await s?.close();
});

beforeEach(async () => {
  everything.push(...(await s.sim.log()));
  await s.sim.reset();
});

const org = () => s.sim.directory.organizations[0]!;
const usersPath = () => `^/v1/compliance/organizations/${org().uuid}/users$`;
const calls = async (pathRe: string) => (await s.sim.log()).filter((e) => new RegExp(pathRe).test(e.path));

const faults = (...rules: FaultRule[]) => s.sim.setFaults(rules);

/** The officer-facing checks every error answer must pass. */
function expectReadable(error: { message: string }) {
  expect(error.message).toMatch(/\w{3,}/);
  expect(error.message).not.toMatch(STACK_TRACE_RE);
}

describe("one upstream request behind /api/compliance", () => {
  const groupsPath = "^/v1/compliance/groups$";
  const getGroups = () => s.request("/api/compliance/groups?limit=1000");
  const expectAllGroups = async (res: Response) => {
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string }[]; has_more: boolean };
    expect(body.data.map((g) => g.id)).toEqual(s.sim.directory.groups.map((g) => g.id));
    expect(body.has_more).toBe(false);
  };
  /** The groups request fails as an officer should read it: this status, this error type, a message that says why. */
  const expectGroupsRefused = async (status: number, type: string, message: RegExp) => {
    const res = await getGroups();
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.type).toBe(type);
    expect(error.message).toMatch(message);
    return error;
  };

  it.each([
    { name: "waits out a 429 storm as retry-after says, and answers the whole list", retryAfter: { retryAfter: "1" }, secondWaitMs: 950 },
    { name: "backs off from one second on a 429 without retry-after, and answers the whole list", retryAfter: {}, secondWaitMs: 1950 },
  ])("$name", async ({ retryAfter, secondWaitMs }) => {
    await faults({ path: groupsPath, kind: "status", status: 429, ...retryAfter, times: 2 });
    await expectAllGroups(await getGroups());
    const seen = await calls(groupsPath);
    expect(seen.map((e) => e.status)).toEqual([429, 429, 200]);
    expect(seen[1]!.t - seen[0]!.t).toBeGreaterThanOrEqual(950);
    expect(seen[2]!.t - seen[1]!.t).toBeGreaterThanOrEqual(secondWaitMs);
  });

  it("gives up on a 429 storm that never ends after a bounded number of tries, saying so with the request id", async () => {
    await faults({ path: groupsPath, kind: "status", status: 429, retryAfter: "1" });
    const error = await expectGroupsRefused(503, "upstream_rate_limited", /rate limit/i);
    expect(error.request_id).toBe((await calls(groupsPath)).at(-1)!.requestId);
    expect(error.message).toContain(error.request_id!);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(ATTEMPTS);
  });

  it("rides out a 529 and a 503 burst, and answers the whole list", async () => {
    await faults({ path: groupsPath, kind: "status", status: 529, times: 1 }, { path: groupsPath, kind: "status", status: 503, skip: 1, times: 1 });
    await expectAllGroups(await getGroups());
    expect((await calls(groupsPath)).length).toBeLessThanOrEqual(ATTEMPTS);
    expect((await calls(groupsPath)).at(-1)!.status).toBe(200);
  });

  it("reports a 503 that does not pass as a server failure with the request id, after bounded tries", async () => {
    await faults({ path: groupsPath, kind: "status", status: 503 });
    const res = await getGroups();
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.type).toBe("upstream_server");
    expect(error.upstream_status).toBe(503);
    expect(error.message).toContain("HTTP 503");
    expect(error.message).toContain(error.request_id!);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(ATTEMPTS);
  });

  it("does not retry a 500 marked x-should-retry: false, and quotes its request id", async () => {
    await faults({ path: groupsPath, kind: "status", status: 500, headers: { "x-should-retry": "false" } });
    const res = await getGroups();
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.type).toBe("upstream_server");
    expect(error.request_id).toBe((await calls(groupsPath))[0]!.requestId);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(1);
  });

  it.each([
    { name: "times out a request that hangs and tries again: the whole list", kind: "hang", times: 1 },
    { name: "tries again after a connection reset: the whole list", kind: "reset", times: 2 },
    { name: "tries again after a body cut short: the whole list", kind: "truncate", times: 1 },
  ] as const)("$name", async ({ kind, times }) => {
    await faults({ path: groupsPath, kind, times });
    await expectAllGroups(await getGroups());
    expect(await calls(groupsPath)).toHaveLength(times + 1);
  });

  it.each([
    { name: "reports an upstream that never answers as a timeout, after bounded tries", kind: "hang", status: 504, type: "upstream_timeout", says: /did not answer within 1\.5 s/ },
    { name: "reports connections that keep being reset as a network failure, after bounded tries", kind: "reset", status: 502, type: "upstream_network", says: /reset|connection/ },
  ] as const)("$name", async ({ kind, status, type, says }) => {
    await faults({ path: groupsPath, kind });
    const error = await expectGroupsRefused(status, type, says);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(ATTEMPTS);
  });

  it("refuses a 200 whose body is not JSON, naming the request id, without retrying", async () => {
    await faults({ path: groupsPath, kind: "malformed" });
    const error = await expectGroupsRefused(502, "upstream_malformed", /not valid JSON/);
    expect(error.request_id).toBe((await calls(groupsPath))[0]!.requestId);
    expect(error.message).toContain(error.request_id!);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(1);
  });

  it("refuses an HTML interstitial in place of JSON, naming the content type and request id", async () => {
    await faults({ path: groupsPath, kind: "content-type" });
    const res = await getGroups();
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.type).toBe("upstream_malformed");
    expect(error.message).toContain("text/html");
    expect(error.message).toContain(error.request_id!);
    expect(JSON.stringify(error)).not.toMatch(/Checking your browser/);
    expectReadable(error);
    expect(await calls(groupsPath)).toHaveLength(1);
  });

  it.each([
    [401, "authentication_error", "API key has been deactivated.", 502, "upstream_authentication", /deactivated/],
    [403, "permission_error", "Missing required scopes. Got: ['read:compliance_user_data'] Needed one of: ['read:compliance_org_data', 'read:org_audit']", 502, "upstream_permission", /read:compliance_org_data/],
    [404, "not_found_error", "Group not found.", 404, "upstream_not_found", /not found/],
  ])("answers an upstream %i once, without retrying, with its meaning and request id", async (status, errorType, message, appStatus, type, says) => {
    const groupPath = `^/v1/compliance/groups/${s.sim.directory.groups[1]!.id}$`;
    await faults({ path: groupPath, kind: "status", status, errorType, message });
    const res = await s.request(`/api/compliance/groups/${s.sim.directory.groups[1]!.id}`);
    expect(res.status).toBe(appStatus);
    const error = await errorOf(res);
    expect(error.type).toBe(type);
    expect(error.message).toMatch(says);
    expect(error.request_id).toBe((await calls(groupPath))[0]!.requestId);
    expectReadable(error);
    expect(await calls(groupPath)).toHaveLength(1);
  });
});

describe("a whole-list walk: GET /api/export/users.csv", () => {
  const exportUrl = () => `/api/export/users.csv?org=${org().uuid}`;
  const expectedIds = () => s.sim.directory.usersOf(org().uuid).map((u) => u.id);

  async function download() {
    const res = await s.request(exportUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    return s.readAll(res);
  }

  async function lastExportAudit() {
    const res = await s.request("/api/audit?action=export&limit=1");
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: { target: string; outcome: string; rows?: number; detail?: string }[] };
    expect(entries[0]!.target).toBe("users.csv");
    return entries[0]!;
  }

  const idsIn = (text: string) => (parse(text, { columns: true, relax_column_count: true }) as { user_id: string }[]).map((r) => r.user_id);

  /** A walk that broke: the body has no clean end, holds fewer rows than the org, and the log says aborted and why. */
  async function expectAborted(cause: RegExp, opts: { requestId?: boolean } = {}) {
    const body = await download();
    expect(body.complete).toBe(false);
    expect(idsIn(body.text).length).toBeLessThan(expectedIds().length);
    const entry = await lastExportAudit();
    expect(entry.outcome).toBe("aborted");
    expect(entry.detail).toMatch(cause);
    expect(entry.detail).not.toMatch(STACK_TRACE_RE);
    if (opts.requestId !== false) {
      const failed = (await s.sim.log()).filter((e) => e.status !== 200 || e.fault).at(-1)!;
      expect(entry.detail).toContain(failed.requestId);
    }
  }

  async function expectWhole() {
    const body = await download();
    expect(body.complete).toBe(true);
    expect(idsIn(body.text)).toEqual(expectedIds());
    const entry = await lastExportAudit();
    expect(entry.outcome).toBe("completed");
    expect(entry.rows).toBe(expectedIds().length);
  }

  it("streams every user when nothing goes wrong (the baseline)", async () => {
    await expectWhole();
    expect(await calls(usersPath())).toHaveLength(3);
  });

  it("follows an empty page that says more follows, and loses nothing", async () => {
    await faults({ path: usersPath(), kind: "empty-page", skip: 1, times: 1 });
    await expectWhole();
    expect(await calls(usersPath())).toHaveLength(4);
  });

  it("rides out a 503 and a 429 in the middle of the walk, and loses nothing", async () => {
    await faults({ path: usersPath(), kind: "status", status: 503, skip: 1, times: 1 }, { path: usersPath(), kind: "status", status: 429, retryAfter: "1", skip: 3, times: 1 });
    await expectWhole();
    expect((await calls(usersPath())).filter((e) => e.status !== 200).length).toBe(2);
  });

  it("aborts on a next_page that repeats rather than loop", async () => {
    await faults({ path: usersPath(), kind: "repeat-token", skip: 1, times: 1 });
    await expectAborted(/page token it had already sent/);
    expect(await calls(usersPath())).toHaveLength(2);
  });

  it("aborts on a page that repeats the previous page's records instead of its own", async () => {
    await faults({ path: usersPath(), kind: "duplicate", skip: 1, times: 1 });
    await expectAborted(/listed user_\S+ twice/);
  });

  it("aborts when the upstream rejects a page token (400), quoting its request id", async () => {
    await faults({ path: usersPath(), kind: "status", status: 400, errorType: "invalid_request_error", message: "Invalid page token.", skip: 1 });
    await expectAborted(/refused the request as invalid/);
    expect(await calls(usersPath())).toHaveLength(2);
  });

  it.each([
    [401, "authentication_error", "API key has expired.", /has expired/],
    [403, "permission_error", "Missing required scopes. Got: ['read:compliance_org_data'] Needed one of: ['read:compliance_user_data', 'read:org_audit']", /read:compliance_user_data/],
    [404, "not_found_error", "Organization not found.", /was not found/],
  ])("aborts on a %i in the middle of the walk, without retrying it", async (status, errorType, message, cause) => {
    await faults({ path: usersPath(), kind: "status", status, errorType, message, skip: 1 });
    await expectAborted(cause);
    expect(await calls(usersPath())).toHaveLength(2);
  });

  it("aborts on a 500 marked x-should-retry: false, without retrying it", async () => {
    await faults({ path: usersPath(), kind: "status", status: 500, headers: { "x-should-retry": "false" }, skip: 1 });
    await expectAborted(/HTTP 500/);
    expect(await calls(usersPath())).toHaveLength(2);
  });

  it("aborts when a page never comes, after bounded tries", async () => {
    await faults({ path: usersPath(), kind: "hang", skip: 2 });
    await expectAborted(/did not answer within/, { requestId: false });
    expect(await calls(usersPath())).toHaveLength(2 + ATTEMPTS);
  });

  it("answers a JSON error, and logs the export as failed, when the walk fails before the first row", async () => {
    await faults({ path: "^/v1/compliance/organizations$", kind: "status", status: 401, errorType: "authentication_error", message: "API key is invalid." });
    const res = await s.request(exportUrl());
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.type).toBe("upstream_authentication");
    expect(error.message).toContain(error.request_id!);
    expectReadable(error);
    const entry = await lastExportAudit();
    expect(entry.outcome).toBe("failed");
    expect(await calls(usersPath())).toHaveLength(0);
  });
});

describe("a sync of the whole directory (POST /api/syncs), and People served from it", () => {
  type Line = { type: string; rows?: { id: string }[]; error?: { type: string; message: string; request_id?: string } };
  type Sync = { id: string; status: string; counts: { people: number } | null; error: { type: string; message: string; request_id?: string } | null };

  async function people(): Promise<Line[]> {
    const res = await s.request("/api/directory/people");
    expect(res.status).toBe(200);
    const body = await s.readAll(res);
    return body.text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);
  }

  /** Starts a sync as "Sync now" does and waits for it to end. */
  async function syncNow(): Promise<Sync> {
    const started = await s.request("/api/syncs", { method: "POST", headers: { "content-type": "application/json", origin: s.app.url }, body: "{}" });
    expect(started.status).toBe(202);
    const { sync } = (await started.json()) as { sync: Sync };
    for (let i = 0; i < 1500; i++) {
      const now = ((await (await s.request(`/api/syncs/${sync.id}`)).json()) as { sync: Sync }).sync;
      if (now.status !== "running") return now;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`sync ${sync.id} did not end`);
  }

  const everyone = () => {
    const ids = new Set<string>();
    for (const o of s.sim.directory.organizations) for (const u of s.sim.directory.usersOf(o.uuid)) ids.add(u.id);
    // Group members in no organization (removed users an IdP still syncs) are people too.
    for (const id of s.sim.directory.orphanMemberIds) ids.add(id);
    return [...ids].sort();
  };

  async function expectEveryone() {
    const lines = await people();
    expect(lines.at(-1)!.type).toBe("done");
    expect(lines.some((l) => l.type === "error")).toBe(false);
    const ids = lines.filter((l) => l.type === "people").flatMap((l) => l.rows!.map((r) => r.id));
    expect([...ids].sort()).toEqual(everyone());
  }

  /** The sync fails with a readable cause; People still serves the previous complete sync, whole. */
  async function expectFailedSync(cause: RegExp) {
    const sync = await syncNow();
    expect(sync.status).toBe("failed");
    expect(sync.counts).toBeNull();
    expect(sync.error!.message).toMatch(cause);
    expectReadable(sync.error!);
    await expectEveryone();
    return sync.error!;
  }

  const membersPath = () => `^/v1/compliance/groups/${s.sim.directory.groups[0]!.id}/members$`;

  it("completes and lists every person when nothing goes wrong (the baseline)", async () => {
    const sync = await syncNow();
    expect(sync.status).toBe("complete");
    expect(sync.counts!.people).toBe(everyone().length);
    await expectEveryone();
  });

  it("waits out a 429 storm and a hang mid-walk, and completes with every person", async () => {
    await faults({ path: usersPath(), kind: "status", status: 429, retryAfter: "1", skip: 1, times: 2 }, { path: membersPath(), kind: "hang", skip: 1, times: 1 });
    const sync = await syncNow();
    expect(sync.status).toBe("complete");
    expect(sync.counts!.people).toBe(everyone().length);
    await expectEveryone();
  });

  it("fails, never completes, when group members repeat across pages, quoting the request id", async () => {
    await faults({ path: membersPath(), kind: "duplicate", skip: 1, times: 1 });
    const error = await expectFailedSync(/twice/);
    expect(error.request_id).toBe((await calls(membersPath()))[1]!.requestId);
  });

  it("fails naming the missing scope when the key loses a scope mid-walk", async () => {
    await faults({ path: membersPath(), kind: "status", status: 403, errorType: "permission_error", message: "Missing required scopes. Got: ['read:compliance_org_data'] Needed one of: ['read:compliance_user_data', 'read:org_audit']", skip: 1 });
    const error = await expectFailedSync(/read:compliance_user_data/);
    expect(error.request_id).toBeTruthy();
  });
});

describe("across every case above", () => {
  it("never started more requests in any one second than the configured rate", async () => {
    everything.push(...(await s.sim.log()));
    expect(everything.length).toBeGreaterThan(100);
    const busiest = busiestSecond(everything).map((e) => `${e.t - everything[0]!.t} ${e.path} ${e.status} ${e.fault ?? ""}`);
    expect(maxStartsPerSecond(everything), busiest.join("\n")).toBeLessThanOrEqual(RATE);
  });

  it("never showed the access key or a stack trace in anything it answered", () => {
    for (const text of s.seen) {
      expect(text).not.toContain(s.sim.keys.full);
    }
    expect(s.app.output()).not.toContain(s.sim.keys.full);
  });
});
