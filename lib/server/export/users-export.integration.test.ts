import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Organization, User } from "@/lib/shared/compliance/schemas";
import { guardFormula } from "@/lib/shared/csv/formula-guard";
import { readAll, setUpExportHarness, drainUntilError } from "@/lib/tools/testing/export-test-harness";
import { ExportRefusal } from "./refusal";
import { selectOrganizations, USERS_EXPORT_COLUMNS, usersCsvStream, usersNdjsonStream, usersXlsxStream } from "./users-export";
import { readXlsx, xlsxText } from "./xlsx-read";
import { parseUsersExportQuery, type UsersExportQuery } from "@/lib/shared/export/users-query";

/*
 * The users export against the simulator over real HTTP, through a real upstream client and
 * limiter: what an officer downloads is what the directory holds, row for row.
 */

// 1,500 + 7 + 1,200 users: pages of 1,000 make two, one and two users requests.
const ORG_USER_COUNTS = [1500, 7, 1200];
const h = setUpExportHarness({ seed: "export-integration", orgUserCounts: ORG_USER_COUNTS, groups: 2 });

function query(qs = ""): UsersExportQuery {
  const r = parseUsersExportQuery(new URLSearchParams(qs), "csv");
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

async function exportCsv(q: UsersExportQuery) {
  const organizations = await selectOrganizations(h.source, q.orgs, new AbortController().signal);
  return usersCsvStream({ source: h.source, audit: h.audit, actor: "officer", organizations, query: q });
}

const expectedRow = (org: Organization, u: User) =>
  [org.uuid, org.name, u.id, u.email, u.full_name, u.organization_role, u.created_at].map(guardFormula);

describe("users.csv against the simulator", () => {
  it("holds every user of every organization exactly once per membership: same count, ids and cells", async () => {
    const body = await readAll(await exportCsv(query()));
    const records = parse(body, { bom: true }) as string[][];
    expect(records[0]).toEqual([...USERS_EXPORT_COLUMNS]);

    const expected = h.sim.directory.organizations.flatMap((org) => h.sim.directory.usersOf(org.uuid).map((u) => expectedRow(org, u)));
    expect(expected).toHaveLength(ORG_USER_COUNTS.reduce((a, b) => a + b, 0));
    const rows = records.slice(1);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r[2])).toEqual(expected.map((r) => r[2]));
    expect(rows).toEqual(expected);

    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ actor: "officer", action: "export", target: "users.csv", outcome: "completed", rows: expected.length, bytes: body.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
  });

  it("escapes the formula-named user and keeps quoted, comma and emoji names intact", async () => {
    const first = h.sim.directory.organizations[0]!;
    const body = (await readAll(await exportCsv(query(`org=${first.uuid}`)))).toString("utf8");
    const rows = (parse(body) as string[][]).slice(1);
    const names = rows.map((r) => r[4]!);
    const formula = names.find((n) => n.startsWith("'="));
    expect(formula).toMatch(/^'=HYPERLINK\(/);
    expect(names.some((n) => n.startsWith("="))).toBe(false);
    expect(names.some((n) => /"\w+"/.test(n))).toBe(true); // Robert "Bob" Smith
    expect(names.some((n) => n.includes(", "))).toBe(true); // Ada Lovelace, PhD
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    expect(names).toEqual(h.sim.directory.usersOf(first.uuid).map((u) => guardFormula(u.full_name)));
  });

  it("exports only the organizations and roles asked for", async () => {
    const [a, , c] = h.sim.directory.organizations;
    const body = await readAll(await exportCsv(query(`org=${c!.uuid}&org=${a!.uuid}&role=user&role=admin`)));
    const rows = (parse(body) as string[][]).slice(1);
    const expected = [a!, c!].flatMap((org) =>
      h.sim.directory
        .usersOf(org.uuid)
        .filter((u) => u.organization_role === "user" || u.organization_role === "admin")
        .map((u) => expectedRow(org, u)),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });

  it("refuses an unknown organization with a 404 before any users request", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(selectOrganizations(h.source, [unknown], new AbortController().signal)).rejects.toMatchObject({
      constructor: ExportRefusal,
      status: 404,
    });
    expect((await h.log()).filter((e) => e.path.endsWith("/users"))).toHaveLength(0);
  });

  it("starts sending before the walk ends: the header is out while at most one users page was asked for", async () => {
    const reader = (await exportCsv(query())).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe(USERS_EXPORT_COLUMNS.join(",") + "\r\n");
    expect((await h.log()).filter((e) => e.path.endsWith("/users")).length).toBeLessThanOrEqual(1);
    await reader.cancel();
    expect((await h.audit.list()).entries).toMatchObject([{ outcome: "aborted" }]);
  });

  it("an upstream that fails from the third users page on leaves an errored body and an aborted audit entry", async () => {
    await h.faults([{ path: "/users", skip: 2, kind: "status", status: 503 }]);
    const sent = await drainUntilError(await exportCsv(query()));
    const rows = (parse(sent, { relax_quotes: true }) as string[][]).slice(1);
    // The first organization's two pages arrived, then nothing more: no row of a later page.
    expect(rows).toHaveLength(ORG_USER_COUNTS[0]!);
    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ target: "users.csv", outcome: "aborted", rows: ORG_USER_COUNTS[0], bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
    expect(entry!.detail).toBeTruthy();
    // The retries were real requests: more than the one failing page reached the simulator.
    expect((await h.log()).filter((e) => e.status === 503).length).toBeGreaterThan(1);
  });
});

describe("users.ndjson against the simulator", () => {
  it("has one JSON line per user with the CSV's fields, unescaped", async () => {
    const first = h.sim.directory.organizations[0]!;
    const q = query(`org=${first.uuid}`);
    const organizations = await selectOrganizations(h.source, q.orgs, new AbortController().signal);
    const text = (await readAll(usersNdjsonStream({ source: h.source, audit: h.audit, actor: "officer", organizations, query: q }))).toString("utf8");
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const users = h.sim.directory.usersOf(first.uuid);
    expect(records.map((r) => r.user_id)).toEqual(users.map((u) => u.id));
    expect(records.map((r) => r.full_name)).toEqual(users.map((u) => u.full_name));
    expect(records[0]).toMatchObject({ organization_uuid: first.uuid, organization_name: first.name });
    expect((await h.audit.list()).entries).toMatchObject([{ target: "users.ndjson", outcome: "completed", rows: users.length }]);
  });
});

describe("users.xlsx against the simulator", () => {
  async function exportXlsx(q: UsersExportQuery) {
    const organizations = await selectOrganizations(h.source, q.orgs, new AbortController().signal);
    return usersXlsxStream({ source: h.source, audit: h.audit, actor: "officer", organizations, query: q });
  }

  it("holds the CSV's rows as text cells, the formula-named user exactly as the directory has it, audited like the CSV", async () => {
    const body = await readAll(await exportXlsx(query()));
    const { text, allStrings } = xlsxText((await readXlsx(body)).rows);
    expect(allStrings).toBe(true);
    expect(text[0]).toEqual([...USERS_EXPORT_COLUMNS]);
    const expected = h.sim.directory.organizations.flatMap((org) =>
      h.sim.directory.usersOf(org.uuid).map((u) => [org.uuid, org.name, u.id, u.email, u.full_name, u.organization_role, u.created_at]),
    );
    expect(text.slice(1)).toEqual(expected);
    expect(text.some((r) => r[4]!.startsWith("=HYPERLINK("))).toBe(true);

    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ actor: "officer", action: "export", target: "users.xlsx", outcome: "completed", rows: expected.length, bytes: body.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
  });

  it("an upstream that fails part way leaves an errored body and an aborted audit entry", async () => {
    await h.faults([{ path: "/users", skip: 2, kind: "status", status: 503 }]);
    const sent = await drainUntilError(await exportXlsx(query()));
    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ target: "users.xlsx", outcome: "aborted", bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
    await expect(readXlsx(sent)).rejects.toBeDefined();
  });
});
