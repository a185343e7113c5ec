import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readXlsx, xlsxText } from "@/lib/server/export/xlsx-read";
import { TABLE_COLUMNS } from "@/lib/shared/downloads/table-download";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { startApp, type AppServer } from "@/lib/tools/testing/app-server";
import { appEnv, apiCalls, officer, requestSync, syncEnded, VIEWER, type Officer } from "@/lib/tools/testing/durable-rig";

/*
 * Issue 10 item 2 (data leaves only on record) and CONTRACT's users.csv?as_of, through the built
 * app against the simulator:
 * - a table download is built on the server from the sync the table showed, from the row ids the
 *   page posts, and its audit entry (rows, SHA-256, sync, view) matches the bytes received;
 * - viewers and other sites are refused and the refusal leaves no file; bad ids and syncs are 4xx;
 * - the audit log is for exporters; bulk reads by anyone are on record as coalesced views;
 * - users.csv?as_of=<sync> is the file of that sync exactly, with no upstream call.
 */

const DATA_DIR = `test-results/audited-reads-${process.pid}`;
let sim: SimulatorHandle;
let app: AppServer;
let exp: Officer;
let viewer: Officer;
let firstSync: string;
let ORG: string;

interface Entry {
  actor: string;
  action: string;
  target: string;
  outcome: string;
  rows?: number;
  bytes?: number;
  sha256?: string;
  sync_id?: string;
  filters: Record<string, unknown>;
}

async function auditEntries(query: string): Promise<Entry[]> {
  const res = await exp.get(`/api/audit?limit=1000&${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Entry[] }).entries;
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { type: string; message: string } }).error;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function syncNow(): Promise<string> {
  const started = await requestSync(exp);
  const ended = await syncEnded(exp, started.id);
  expect(ended.status).toBe("complete");
  return ended.id;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "audited-reads", orgUserCounts: [60, 25], groups: 4, ratePerMinute: 60_000 });
  app = await startApp(await appEnv(sim, { DATA_DIR }));
  exp = await officer(app);
  viewer = await officer(app, VIEWER);
  firstSync = await syncNow();
  ORG = sim.directory.organizations[0]!.uuid;
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  await rm(DATA_DIR, { recursive: true, force: true });
});

beforeEach(() => sim.clearLog());

/** The organization's users as the page reads them (the store-backed route), with the sync they came from. */
async function pageUsers(): Promise<{ sync: string; users: { id: string; email: string; full_name: string; organization_role: string; created_at: string }[] }> {
  const res = await exp.get(`/api/directory/organizations/${ORG}/users?limit=1000`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { id: string; email: string; full_name: string; organization_role: string; created_at: string }[]; has_more: boolean };
  expect(body.has_more).toBe(false);
  return { sync: res.headers.get("x-directory-sync")!, users: body.data };
}

const tableBody = (sync: string, ids: string[], extra: Record<string, unknown> = {}) => ({
  table: "users",
  scope: { org: ORG },
  sync,
  rows: "matching",
  ids,
  columns: [...TABLE_COLUMNS.users],
  view: ["Role: admin"],
  format: "csv",
  ...extra,
});

describe("table downloads are built on the server and on record before the first byte", () => {
  it("the users table's filtered rows: the file holds exactly those rows from the store, and the entry names rows, SHA-256, sync and view", async () => {
    const { sync, users } = await pageUsers();
    expect(sync).toBe(firstSync);
    const chosen = [...users].reverse().slice(0, 7); // the table's order, whatever it is, is kept
    const res = await exp.post("/api/downloads/table", tableBody(sync, chosen.map((u) => u.id)));
    expect(res.status, await res.clone().text()).toBe(200);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(new RegExp(`filename="users_[a-z0-9]+(-[a-z0-9]+)*_filtered_\\d{4}-\\d{2}-\\d{2}_${sync}\\.csv"`));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const records = parse(Buffer.from(bytes).toString("utf8"), { columns: true }) as Record<string, string>[];
    const org = sim.directory.organizations[0]!;
    expect(records).toEqual(
      chosen.map((u) => ({ organization_uuid: org.uuid, organization_name: org.name, user_id: u.id, email: u.email, full_name: u.full_name, organization_role: u.organization_role, created_at: u.created_at })),
    );

    const [entry] = await auditEntries("action=export");
    expect(entry).toMatchObject({
      actor: "olga",
      target: "table:users.csv",
      outcome: "completed",
      rows: 7,
      bytes: bytes.byteLength,
      sha256: sha(bytes),
      sync_id: sync,
      filters: { table: "users", scope: { org: ORG }, rows: "matching", view: ["Role: admin"] },
    });
    expect(res.headers.get("x-content-sha256")).toBe(sha(bytes));
    expect(apiCalls(sim)).toEqual([]);
  });

  it("as XLSX: the same rows as text cells, audited with the workbook's hash", async () => {
    const { sync, users } = await pageUsers();
    const ids = users.slice(0, 3).map((u) => u.id);
    const res = await exp.post("/api/downloads/table", tableBody(sync, ids, { format: "xlsx", rows: "selected", view: [] }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/users_[a-z0-9-]+_selected_.*\.xlsx"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { text, allStrings } = xlsxText((await readXlsx(bytes)).rows);
    expect(allStrings).toBe(true);
    expect(text).toEqual([[...TABLE_COLUMNS.users], ...users.slice(0, 3).map((u) => [ORG, sim.directory.organizations[0]!.name, u.id, u.email, u.full_name, u.organization_role, u.created_at])]);
    const [entry] = await auditEntries("action=export");
    expect(entry).toMatchObject({ target: "table:users.xlsx", rows: 3, sha256: sha(bytes), sync_id: sync });
  });

  it("people, groups and group members download from the same sync by their row ids", async () => {
    const person = sim.directory.usersOf(ORG)[0]!;
    let res = await exp.post("/api/downloads/table", { ...tableBody(firstSync, [person.id]), table: "people", scope: {}, columns: [...TABLE_COLUMNS.people] });
    expect(res.status, await res.clone().text()).toBe(200);
    const [p] = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(p).toMatchObject({ user_id: person.id, email: person.email, full_name: person.full_name });

    const group = sim.directory.groups.find((g) => sim.directory.membersOf(g.id).length > 0)!;
    res = await exp.post("/api/downloads/table", { ...tableBody(firstSync, [group.id]), table: "groups", scope: {}, columns: ["group_id", "name", "members"] });
    expect(res.status).toBe(200);
    expect(parse(await res.text(), { columns: true })).toEqual([{ group_id: group.id, name: group.name, members: String(sim.directory.membersOf(group.id).length) }]);

    const members = sim.directory.membersOf(group.id);
    res = await exp.post("/api/downloads/table", { ...tableBody(firstSync, members.map((m) => m.user_id)), table: "group_members", scope: { group: group.id }, columns: ["user_id", "email"] });
    expect(res.status).toBe(200);
    expect(parse(await res.text(), { columns: true })).toEqual(members.map((m) => ({ user_id: m.user_id, email: m.email })));
  });

  it("refuses what it cannot vouch for: an id not in the table, a sync no longer kept, a malformed sync, an unknown column", async () => {
    const before = (await auditEntries("action=export")).length;
    let res = await exp.post("/api/downloads/table", tableBody(firstSync, ["user_notinthisorg"]));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/not in this table as of sync/);
    res = await exp.post("/api/downloads/table", tableBody("sync_aaaaaaaa_000000000000", [sim.directory.usersOf(ORG)[0]!.id]));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ type: "directory_changed", message: expect.stringMatching(/reload/) });
    res = await exp.post("/api/downloads/table", tableBody("not-a-sync", ["user_x"]));
    expect(res.status).toBe(400);
    res = await exp.post("/api/downloads/table", tableBody(firstSync, ["user_x"], { columns: ["password"] }));
    expect(res.status).toBe(400);
    res = await exp.post("/api/downloads/table", { ...tableBody(firstSync, ["user_x"]), scope: {} });
    expect(res.status).toBe(400);
    expect((await auditEntries("action=export")).length).toBe(before);
    expect(apiCalls(sim)).toEqual([]);
  });

  it("a viewer is refused (403, on record), and so is another site (403), with no file and no export entry", async () => {
    const before = (await auditEntries("action=export")).length;
    const ids = [sim.directory.usersOf(ORG)[0]!.id];
    let res = await viewer.post("/api/downloads/table", tableBody(firstSync, ids));
    expect(res.status).toBe(403);
    expect(res.headers.get("content-disposition")).toBeNull();
    expect((await errorOf(res)).message).toMatch(/exporter role/);
    const [refusal] = await auditEntries("action=refused");
    expect(refusal).toMatchObject({ actor: VIEWER.username, target: "table download", outcome: "refused" });

    res = await exp.post("/api/downloads/table", tableBody(firstSync, ids), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).type).toBe("cross_site_request");
    expect((await auditEntries("action=export")).length).toBe(before);
  });
});

describe("reconciliation downloads are re-run and built on the server", () => {
  it("a group's missing list: the server reconciles the posted input again and audits the file it sends", async () => {
    const group = sim.directory.groups.find((g) => sim.directory.membersOf(g.id).length >= 2)!;
    const member = sim.directory.membersOf(group.id)[0]!;
    const expected = { kind: "paste", text: `${member.email}\nnobody-here@example.com` };
    const res = await exp.post("/api/reconciliation", { group_id: group.id, expected, download: { list: "missing" } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="reconciliation_.+_missing_\d{4}-\d{2}-\d{2}_sync_.+\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const rows = parse(Buffer.from(bytes).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.status, r.expected_entry])).toEqual([["missing", "nobody-here@example.com"]]);
    const [entry] = await auditEntries("action=export");
    expect(entry).toMatchObject({ target: `reconciliation:group:${group.id}.csv`, rows: 1, sha256: sha(bytes), filters: { list: "missing" } });
    expect(entry!.sync_id).toMatch(/^sync_/);

    const bulk = await exp.post("/api/reconciliation/bulk", { input: { kind: "paste", text: `${group.id},${member.email}` }, download: { list: "all" } });
    expect(bulk.status, await bulk.clone().text()).toBe(200);
    const combined = parse(await bulk.text(), { columns: true }) as Record<string, string>[];
    expect(combined.filter((r) => r.group_id === group.id)).toHaveLength(sim.directory.membersOf(group.id).length);
    expect((await viewer.post("/api/reconciliation", { group_id: group.id, expected, download: { list: "missing" } })).status).toBe(403);
  });
});

describe("the viewer boundary", () => {
  it("the audit log is for exporters: a viewer gets 403 on the list, its files and verify, each refusal on record", async () => {
    for (const path of ["/api/audit", "/api/audit.csv", "/api/audit.xlsx", "/api/audit/verify"]) {
      const res = await viewer.get(path);
      expect(res.status, path).toBe(403);
      expect((await errorOf(res)).message, path).toMatch(/exporter role/);
    }
    const refusals = (await auditEntries(`action=refused&actor=${VIEWER.username}`)).map((e) => e.target);
    expect(refusals).toContain("reading the audit log");
  });

  it("the whole directory read is a view on record, once per officer and sync however often it is reloaded", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await viewer.get("/api/directory/people");
      expect(res.status).toBe(200);
      const last = (await res.text()).trim().split("\n").pop()!;
      expect(JSON.parse(last)).toMatchObject({ type: "done", sync: firstSync });
    }
    const views = (await auditEntries(`action=view&actor=${VIEWER.username}`)).filter((e) => e.target === "directory/people");
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ outcome: "ok", sync_id: firstSync });
  });

  it("a seed list's people are a view on record, once per officer and resolution", async () => {
    const person = sim.directory.usersOf(ORG)[0]!;
    const saved = await exp.post("/api/seed-lists", { name: "Matter 7", sources: [{ kind: "paste", text: person.email }] });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    for (let i = 0; i < 2; i++) {
      const res = await viewer.get(`/api/seed-lists/${id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { resolution: { people: { user_id: string }[] } }).resolution.people.map((p) => p.user_id)).toEqual([person.id]);
    }
    const views = (await auditEntries(`action=view&actor=${VIEWER.username}`)).filter((e) => e.target === `seed_list:${id}#1`);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ rows: 1 });
  });
});

describe("users.csv?as_of: the file of that sync, with no upstream call", () => {
  it("after the simulator changes and a second sync, as_of the first still gives the rows from before the change", async () => {
    const live = await exp.get("/api/export/users.csv");
    expect(live.status).toBe(200);
    const before = await live.text();
    const asOfBefore = await exp.get(`/api/export/users.csv?as_of=${firstSync}`);
    expect(await asOfBefore.text()).toBe(before);

    const mutated = await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: 0.05 }) });
    expect(mutated.status).toBe(200);
    const second = await syncNow();
    expect(second).not.toBe(firstSync);
    const after = await (await exp.get("/api/export/users.csv")).text();
    expect(after).not.toBe(before);

    sim.clearLog();
    const res = await exp.get(`/api/export/users.csv?as_of=${firstSync}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="users_as-of_\\d{4}-\\d{2}-\\d{2}_${firstSync}\\.csv"$`));
    const text = await res.text();
    expect(text).toBe(before);
    expect(await (await exp.get(`/api/export/users.csv?as_of=${second}`)).text()).toBe(after);
    const orgOnly = await (await exp.get(`/api/export/users.csv?as_of=${firstSync}&org=${ORG}`)).text();
    expect(orgOnly.trim().split("\r\n").slice(1)).toEqual(before.trim().split("\r\n").filter((l) => l.startsWith(ORG)));
    const xlsx = await exp.get(`/api/export/users.xlsx?as_of=${firstSync}`);
    expect(xlsx.status).toBe(200);
    await xlsx.arrayBuffer();
    const ndjson = await (await exp.get(`/api/export/users.ndjson?as_of=${firstSync}`)).text();
    expect(ndjson.trim().split("\n")).toHaveLength(before.trim().split("\r\n").length - 1);
    expect(apiCalls(sim)).toEqual([]);

    const completed = (await auditEntries("action=export&outcome=completed")).find((e) => e.target === "users.csv" && e.filters.as_of === firstSync && !e.filters.org);
    expect(completed).toMatchObject({ sync_id: firstSync, sha256: sha(new TextEncoder().encode(text)) });
  });

  it("an id that is not a complete sync is a 404, a malformed one a 400, neither calling upstream", async () => {
    let res = await exp.get("/api/export/users.csv?as_of=sync_aaaaaaaa_000000000000");
    expect(res.status).toBe(404);
    res = await exp.get("/api/export/users.csv?as_of=yesterday");
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/as_of must be a sync id/);
    res = await exp.get("/api/export/users.xlsx?as_of=sync_aaaaaaaa_000000000000");
    expect(res.status).toBe(404);
    expect(apiCalls(sim)).toEqual([]);
  });
});
