import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { JsonlAuditStore } from "@/lib/audit/jsonl-store";
import type { Organization, User } from "@/lib/compliance/schemas";
import { guardFormula } from "@/lib/csv/formula-guard";
import { startSimulator } from "@/lib/simulator/server";
import { createLocalLimiter } from "@/lib/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/upstream/client";
import { upstreamDirectory, type DirectorySource } from "./directory-source";
import { ExportRefusal } from "./refusal";
import { selectOrganizations, USERS_EXPORT_COLUMNS, usersCsvStream, usersNdjsonStream, usersXlsxStream } from "./users-export";
import { readXlsx, xlsxText } from "./xlsx-read";
import { parseUsersExportQuery, type UsersExportQuery } from "./users-query";

/*
 * The users export against the simulator over real HTTP, through a real upstream client and
 * limiter: what an officer downloads is what the directory holds, row for row.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let source: DirectorySource;
let stopLimiter: () => Promise<void>;
let dir: string;
let audit: JsonlAuditStore;

// 1,500 + 7 + 1,200 users: pages of 1,000 make two, one and two users requests.
const ORG_USER_COUNTS = [1500, 7, 1200];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", seed: "export-integration", orgUserCounts: ORG_USER_COUNTS, groups: 2 });
  const limiter = createLocalLimiter({ rps: 8 });
  stopLimiter = () => limiter.stop();
  const client = createUpstreamClient({
    baseUrl: sim.url,
    accessKey: sim.keys.full,
    limiter,
    timeoutMs: 10_000,
    maxRetries: 2,
    // Retries stay real (they go through the limiter); only the backoff waits are shortened.
    sleep: (ms, signal) => new Promise((resolve) => (signal?.aborted ? resolve() : setTimeout(resolve, Math.min(ms, 20)))),
  });
  source = upstreamDirectory(client);
});
afterAll(async () => {
  await stopLimiter?.();
  await sim?.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/__simulator/reset`, { method: "POST" });
  dir = await mkdtemp(path.join(tmpdir(), "users-export-"));
  audit = JsonlAuditStore.inDataDir(dir);
});
afterEach(async () => {
  await audit.close();
  await rm(dir, { recursive: true, force: true });
});

function query(qs = ""): UsersExportQuery {
  const r = parseUsersExportQuery(new URLSearchParams(qs), "csv");
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

async function exportCsv(q: UsersExportQuery) {
  const organizations = await selectOrganizations(source, q.orgs, new AbortController().signal);
  return usersCsvStream({ source, audit, actor: "officer", organizations, query: q });
}

/** Reads a body to its end into `parts`; rejects as the body errors. */
async function drain(stream: ReadableStream<Uint8Array>, parts: Uint8Array[]): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parts.push(value);
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  await drain(stream, parts);
  return Buffer.concat(parts);
}

const expectedRow = (org: Organization, u: User) =>
  [org.uuid, org.name, u.id, u.email, u.full_name, u.organization_role, u.created_at].map(guardFormula);

async function simLog(): Promise<{ path: string; status: number }[]> {
  const body = (await (await fetch(`${sim.url}/__simulator/log`)).json()) as { entries: { path: string; status: number }[] };
  return body.entries;
}

describe("users.csv against the simulator", () => {
  it("holds every user of every organization exactly once per membership: same count, ids and cells", async () => {
    const body = await readAll(await exportCsv(query()));
    const records = parse(body, { bom: true }) as string[][];
    expect(records[0]).toEqual([...USERS_EXPORT_COLUMNS]);

    const expected = sim.directory.organizations.flatMap((org) => sim.directory.usersOf(org.uuid).map((u) => expectedRow(org, u)));
    expect(expected).toHaveLength(ORG_USER_COUNTS.reduce((a, b) => a + b, 0));
    const rows = records.slice(1);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r[2])).toEqual(expected.map((r) => r[2]));
    expect(rows).toEqual(expected);

    const [entry] = (await audit.list()).entries;
    expect(entry).toMatchObject({ actor: "officer", action: "export", target: "users.csv", outcome: "completed", rows: expected.length, bytes: body.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
  });

  it("escapes the formula-named user and keeps quoted, comma and emoji names intact", async () => {
    const first = sim.directory.organizations[0]!;
    const body = (await readAll(await exportCsv(query(`org=${first.uuid}`)))).toString("utf8");
    const rows = (parse(body) as string[][]).slice(1);
    const names = rows.map((r) => r[4]!);
    const formula = names.find((n) => n.startsWith("'="));
    expect(formula).toMatch(/^'=HYPERLINK\(/);
    expect(names.some((n) => n.startsWith("="))).toBe(false);
    expect(names.some((n) => /"\w+"/.test(n))).toBe(true); // Robert "Bob" Smith
    expect(names.some((n) => n.includes(", "))).toBe(true); // Ada Lovelace, PhD
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    expect(names).toEqual(sim.directory.usersOf(first.uuid).map((u) => guardFormula(u.full_name)));
  });

  it("exports only the organizations and roles asked for", async () => {
    const [a, , c] = sim.directory.organizations;
    const body = await readAll(await exportCsv(query(`org=${c!.uuid}&org=${a!.uuid}&role=user&role=admin`)));
    const rows = (parse(body) as string[][]).slice(1);
    const expected = [a!, c!].flatMap((org) =>
      sim.directory
        .usersOf(org.uuid)
        .filter((u) => u.organization_role === "user" || u.organization_role === "admin")
        .map((u) => expectedRow(org, u)),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });

  it("refuses an unknown organization with a 404 before any users request", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(selectOrganizations(source, [unknown], new AbortController().signal)).rejects.toMatchObject({
      constructor: ExportRefusal,
      status: 404,
    });
    expect((await simLog()).filter((e) => e.path.endsWith("/users"))).toHaveLength(0);
  });

  it("starts sending before the walk ends: the header is out while at most one users page was asked for", async () => {
    const reader = (await exportCsv(query())).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe(USERS_EXPORT_COLUMNS.join(",") + "\r\n");
    expect((await simLog()).filter((e) => e.path.endsWith("/users")).length).toBeLessThanOrEqual(1);
    await reader.cancel();
    expect((await audit.list()).entries).toMatchObject([{ outcome: "aborted" }]);
  });

  it("an upstream that fails from the third users page on leaves an errored body and an aborted audit entry", async () => {
    await fetch(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [{ path: "/users", skip: 2, kind: "status", status: 503 }] }),
    });
    const received: Uint8Array[] = [];
    const stream = await exportCsv(query());
    await expect(drain(stream, received)).rejects.toBeDefined();

    const sent = Buffer.concat(received);
    const rows = (parse(sent, { relax_quotes: true }) as string[][]).slice(1);
    // The first organization's two pages arrived, then nothing more: no row of a later page.
    expect(rows).toHaveLength(ORG_USER_COUNTS[0]!);
    const [entry] = (await audit.list()).entries;
    expect(entry).toMatchObject({ target: "users.csv", outcome: "aborted", rows: ORG_USER_COUNTS[0], bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
    expect(entry!.detail).toBeTruthy();
    // The retries were real requests: more than the one failing page reached the simulator.
    expect((await simLog()).filter((e) => e.status === 503).length).toBeGreaterThan(1);
  });
});

describe("users.ndjson against the simulator", () => {
  it("has one JSON line per user with the CSV's fields, unescaped", async () => {
    const first = sim.directory.organizations[0]!;
    const q = query(`org=${first.uuid}`);
    const organizations = await selectOrganizations(source, q.orgs, new AbortController().signal);
    const text = (await readAll(usersNdjsonStream({ source, audit, actor: "officer", organizations, query: q }))).toString("utf8");
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const users = sim.directory.usersOf(first.uuid);
    expect(records.map((r) => r.user_id)).toEqual(users.map((u) => u.id));
    expect(records.map((r) => r.full_name)).toEqual(users.map((u) => u.full_name));
    expect(records[0]).toMatchObject({ organization_uuid: first.uuid, organization_name: first.name });
    expect((await audit.list()).entries).toMatchObject([{ target: "users.ndjson", outcome: "completed", rows: users.length }]);
  });
});

describe("users.xlsx against the simulator", () => {
  async function exportXlsx(q: UsersExportQuery) {
    const organizations = await selectOrganizations(source, q.orgs, new AbortController().signal);
    return usersXlsxStream({ source, audit, actor: "officer", organizations, query: q });
  }

  it("holds the CSV's rows as text cells, the formula-named user exactly as the directory has it, audited like the CSV", async () => {
    const body = await readAll(await exportXlsx(query()));
    const { text, allStrings } = xlsxText((await readXlsx(body)).rows);
    expect(allStrings).toBe(true);
    expect(text[0]).toEqual([...USERS_EXPORT_COLUMNS]);
    const expected = sim.directory.organizations.flatMap((org) =>
      sim.directory.usersOf(org.uuid).map((u) => [org.uuid, org.name, u.id, u.email, u.full_name, u.organization_role, u.created_at]),
    );
    expect(text.slice(1)).toEqual(expected);
    expect(text.some((r) => r[4]!.startsWith("=HYPERLINK("))).toBe(true);

    const [entry] = (await audit.list()).entries;
    expect(entry).toMatchObject({ actor: "officer", action: "export", target: "users.xlsx", outcome: "completed", rows: expected.length, bytes: body.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
  });

  it("an upstream that fails part way leaves an errored body and an aborted audit entry", async () => {
    await fetch(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [{ path: "/users", skip: 2, kind: "status", status: 503 }] }),
    });
    const received: Uint8Array[] = [];
    await expect(drain(await exportXlsx(query()), received)).rejects.toBeDefined();
    const sent = Buffer.concat(received);
    const [entry] = (await audit.list()).entries;
    expect(entry).toMatchObject({ target: "users.xlsx", outcome: "aborted", bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
    await expect(readXlsx(sent)).rejects.toBeDefined();
  });
});
