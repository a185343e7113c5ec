import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { startsLikeFormula } from "@/lib/shared/csv/formula-guard";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/http/json-body";
import { readXlsx, xlsxText } from "@/lib/server/export/xlsx-read";
import { USERS_EXPORT_COLUMNS } from "@/lib/server/export/users-export";
import { rawRequest } from "./raw-http";
import { STACK_TRACE_RE, startStack, type Stack } from "./stack";

/*
 * Issue 10 (trust, round two), through the built app and the simulator:
 * - every route that hands out a file refuses HEAD (405, allow: GET) and a cross-site start
 *   (403), and neither leaves an export in the audit log or costs an upstream call;
 * - pasted text that made two patterns quadratic (160,000 characters of one letter, a body the
 *   size of the 8 MB limit) is answered at once: refused with a message, or resolved correctly;
 * - the XLSX beside each CSV holds only text cells, and is audited like the CSV.
 * No timing assertions: each request must simply complete with the right answer.
 */

let s: Stack;
let ORG: string;

beforeAll(async () => {
  s = await startStack({ name: "trust", sim: { seed: "hardening-trust", orgs: 2, users: 40, groups: 3 } });
  ORG = s.sim.directory.organizations[0]!.uuid;
});

afterAll(async () => {
  await s?.close();
});

beforeEach(() => s.sim.reset());

const DOWNLOADS = [
  "/api/export/users.csv",
  "/api/export/users.xlsx",
  "/api/export/users.ndjson",
  "/api/export/roles.csv",
  "/api/export/roles.xlsx",
  "/api/export/groups.csv",
  "/api/export/groups.xlsx",
  "/api/export/settings.csv",
  "/api/export/settings.xlsx",
  "/api/audit.csv",
  "/api/audit.xlsx",
  "/api/seed-lists/sl_doesnotexist/download",
];

async function exportEntries(): Promise<number> {
  const res = await s.request("/api/audit?action=export&limit=200");
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: unknown[] }).entries.length;
}

function expectErrorShape(text: string, where: string) {
  const body = JSON.parse(text) as { error?: { type?: string; message?: string } };
  expect(body.error?.type, where).toMatch(/\w/);
  expect(body.error?.message, where).toMatch(/[A-Za-z]{3}.*[A-Za-z]{3}/);
  expect(text, where).not.toMatch(STACK_TRACE_RE);
  return body.error!;
}

describe("downloads: GET only, and only when the dashboard started them", () => {
  it.each(DOWNLOADS)("HEAD %s is refused with 405 and allow: GET, before any work", async (path) => {
    const before = await exportEntries();
    const res = await rawRequest(s.app.url, path, { method: "HEAD", headers: { cookie: s.cookie } });
    expect(res.status, path).toBe(405);
    expect(res.headers.allow, path).toBe("GET");
    expect(await exportEntries()).toBe(before);
    expect(await s.sim.log()).toEqual([]);
  });

  it.each(DOWNLOADS)("a cross-site GET %s is refused with 403 saying to start from the dashboard", async (path) => {
    const before = await exportEntries();
    const res = await rawRequest(s.app.url, path, { headers: { cookie: s.cookie, "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" } });
    s.seen.push(res.text);
    expect(res.status, path).toBe(403);
    expect(res.headers["content-type"], path).toMatch(/application\/json/);
    const error = expectErrorShape(res.text, path);
    expect(error.message).toMatch(/dashboard itself/);
    expect(await exportEntries()).toBe(before);
    expect(await s.sim.log()).toEqual([]);
  });

  it.each(["same-origin", "same-site", "none", undefined])("Sec-Fetch-Site %s may download (and the export is audited)", async (site) => {
    const before = await exportEntries();
    const res = await rawRequest(s.app.url, `/api/export/users.csv?org=${ORG}`, { headers: { cookie: s.cookie, ...(site ? { "sec-fetch-site": site } : {}) } });
    s.seen.push(res.text);
    expect(res.status).toBe(200);
    expect(res.text.split("\r\n")[0]).toBe(USERS_EXPORT_COLUMNS.join(","));
    // "started" before the first byte (the audit log fails closed), then "completed".
    expect(await exportEntries()).toBe(before + 2);
  });

  it("other methods on a download route are refused the same way", async () => {
    const res = await rawRequest(s.app.url, "/api/export/users.csv", { method: "DELETE", headers: { cookie: s.cookie } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET");
    expectErrorShape(res.text, "DELETE");
  });
});

describe("pasted text is read in linear time and long entries are refused", () => {
  const post = (path: string, body: unknown) =>
    rawRequest(s.app.url, path, { method: "POST", headers: { cookie: s.cookie, origin: s.app.url, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("160,000 characters of `a` pasted into a seed list: a 400 naming the entry, no upstream call", async () => {
    const res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: "a".repeat(160_000) }] });
    s.seen.push(res.text);
    expect(res.status).toBe(400);
    expect(expectErrorShape(res.text, "paste").message).toMatch(/entry 1 is 160,000 characters long; an entry is at most 1,000/);
    expect(await s.sim.log()).toEqual([]);
  });

  it("a body just under the 8 MB limit of one pasted word: the same 400; one over it: 413", async () => {
    const under = "a".repeat(MAX_JSON_BODY_BYTES - 1_000);
    const res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: under }] });
    expect(res.status).toBe(400);
    expect(expectErrorShape(res.text, "8 MB").message).toMatch(/characters long/);
    const over = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: `${under}${"a".repeat(2_000)}` }] });
    expect(over.status).toBe(413);
    expect(await s.sim.log()).toEqual([]);
  });

  it("a display name of 160,000 characters before an address resolves to that address", async () => {
    const person = s.sim.directory.usersOf(ORG)[0]!;
    const res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: `${"a".repeat(160_000)} <${person.email}>\n${"<".repeat(500)}x` }] });
    s.seen.push(res.text);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const out = JSON.parse(res.text) as { resolution: { counts: { matched: number; unmatched: number }; people: { user_id: string }[] } };
    expect(out.resolution.counts).toMatchObject({ matched: 1, unmatched: 1 });
    expect(out.resolution.people.map((p) => p.user_id)).toEqual([person.id]);
  });

  it("a run of 160,000 separators and punctuation is read as what it is", async () => {
    const res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: `${".".repeat(900)}x\n${",".repeat(160_000)}` }] });
    s.seen.push(res.text);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const out = JSON.parse(res.text) as { resolution: { counts: { entries: number; unmatched: number; blank: number } } };
    expect(out.resolution.counts).toMatchObject({ entries: 2, unmatched: 1, blank: 1 });
  });

  it("reconciliation refuses a 160,000-character pasted entry and bulk cell the same way", async () => {
    const group = s.sim.directory.groups[0]!.id;
    const one = await post("/api/reconciliation", { group_id: group, expected: { kind: "paste", text: "a".repeat(160_000) } });
    expect(one.status).toBe(400);
    expect(expectErrorShape(one.text, "reconcile").message).toMatch(/160,000 characters long/);
    const bulk = await post("/api/reconciliation/bulk", { input: { kind: "paste", text: `group,email\n${group},${"a".repeat(160_000)}` } });
    expect(bulk.status).toBe(400);
    expect(expectErrorShape(bulk.text, "bulk").message).toMatch(/160,000 characters long/);
    expect(await s.sim.log()).toEqual([]);
  });

  it("a CSV upload whose chosen column holds a 160,000-character cell is refused naming the row", async () => {
    const csv = Buffer.from(`email\nada@example.com\n${"a".repeat(160_000)}\n`).toString("base64");
    const res = await post("/api/seed-lists/resolve", { sources: [{ kind: "csv", filename: "hr.csv", content_base64: csv, column: 0 }] });
    expect(res.status).toBe(400);
    expect(expectErrorShape(res.text, "csv").message).toMatch(/hr\.csv, column email: row 2 is 160,000 characters long/);
    expect(await s.sim.log()).toEqual([]);
  });
});

describe("spreadsheets: an XLSX of text cells beside each CSV; the CSV guard covers full-width and hidden starts", () => {
  it("users.xlsx holds users.csv's rows, every cell a string, the formula-named user as plain text; audited with its SHA-256", async () => {
    const res = await s.request(`/api/export/users.xlsx?org=${ORG}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const { text, allStrings } = xlsxText((await readXlsx(bytes)).rows);
    expect(allStrings).toBe(true);
    expect(text[0]).toEqual([...USERS_EXPORT_COLUMNS]);
    const users = s.sim.directory.usersOf(ORG);
    expect(text.slice(1).map((r) => r[4])).toEqual(users.map((u) => u.full_name));
    expect(text.some((r) => r[4]!.startsWith("=HYPERLINK("))).toBe(true);

    const audit = (await (await s.request("/api/audit?action=export&limit=1")).json()) as { entries: Record<string, unknown>[] };
    expect(audit.entries[0]).toMatchObject({ target: "users.xlsx", outcome: "completed", rows: users.length, bytes: bytes.length, filters: { org: [ORG] } });
    expect(audit.entries[0]!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it.each(["roles", "groups", "settings"])("%s.xlsx is a workbook of text cells with the CSV's header", async (kind) => {
    const [csv, xlsx] = [await s.request(`/api/export/${kind}.csv`), await s.request(`/api/export/${kind}.xlsx`)];
    expect(csv.status).toBe(200);
    expect(xlsx.status).toBe(200);
    const csvRows = parse((await s.readAll(csv)).text) as string[][];
    const { text, allStrings } = xlsxText((await readXlsx(Buffer.from(await xlsx.arrayBuffer()))).rows);
    expect(allStrings).toBe(true);
    expect(text[0]).toEqual(csvRows[0]);
    expect(text.length).toBe(csvRows.length);
  });

  it("audit.csv guards a username that starts with a full-width = and audit.xlsx keeps it as text", async () => {
    const username = "\uFF1Dcmd|' /C calc'!A0";
    const attempt = await fetch(`${s.app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.app.url },
      body: JSON.stringify({ username, password: "not-the-password" }),
    });
    expect(attempt.status).toBeGreaterThanOrEqual(400);

    const csv = await s.request("/api/audit.csv");
    expect(csv.status).toBe(200);
    const rows = parse((await s.readAll(csv)).text) as string[][];
    expect(rows.length).toBeGreaterThan(1);
    for (const cell of rows.flat()) expect(startsLikeFormula(cell), JSON.stringify(cell)).toBe(false);
    const withName = rows.flat().filter((c) => c.includes("cmd|"));
    for (const c of withName) expect(c.startsWith("'") || !c.startsWith("\uFF1D")).toBe(true);

    const xlsx = await s.request("/api/audit.xlsx");
    expect(xlsx.status).toBe(200);
    const { allStrings } = xlsxText((await readXlsx(Buffer.from(await xlsx.arrayBuffer()))).rows);
    expect(allStrings).toBe(true);
  });
});
