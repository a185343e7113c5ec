import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareByOrganization, privilegedReportSchema, privilegedRowKey, type PrivilegedReport } from "@/lib/shared/privileged/wire";
import { privilegedQueryAnswerSchema, type PrivilegedQueryAnswer } from "@/lib/shared/privileged/query-wire";
import { parse } from "csv-parse/sync";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, syncToEnd } from "@/lib/tools/testing/live-app";

/*
 * GET /api/directory/privileged through the built app: the whole report in the table's order, its
 * first rows alone with `limit`, and bad input refused with no upstream call. Then the same report
 * answered on the server (GET /api/directory/privileged/query: what the page asks) and the audited
 * download of a view: each checked against the whole report filtered and sorted here.
 */

const parseCsv = (text: string): string[][] => parse(text, { bom: true });

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "pia", password: "privileged route test password 7" };
const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });
const report = async (p: string): Promise<PrivilegedReport> => {
  const res = await get(p);
  expect(res.status, p).toBe(200);
  return privilegedReportSchema.parse(await res.json());
};

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "privileged-route", orgUserCounts: [60, 30, 12], groups: 4, ratePerMinute: 60_000 }, [OFFICER], {
    DATA_DIR: `test-results/privileged-route-data-${process.pid}`,
    COMPLIANCE_SYNC_INTERVAL_MINUTES: "0",
    COMPLIANCE_RATE_LIMIT_RPS: "10",
  }));
  await syncToEnd(app, cookie);
});

afterAll(() => closeLiveApp({ app, sim }));

describe("GET /api/directory/privileged", () => {
  it("answers every row in the table's order (organization name), with the totals", async () => {
    const whole = await report("/api/directory/privileged");
    expect(whole.rows.length).toBeGreaterThan(10);
    expect(whole.rows_total).toBe(whole.rows.length);
    expect(whole.people).toBe(new Set(whole.rows.map((r) => r.user_id)).size);
    expect([...whole.rows].sort(compareByOrganization)).toEqual(whole.rows);
    expect(new Set(whole.rows.map((r) => r.organization_uuid)).size).toBe(sim.directory.organizations.length);
  });

  it("with limit, answers the first rows of the same report and the counts of all of it", async () => {
    const whole = await report("/api/directory/privileged");
    const first = await report("/api/directory/privileged?limit=7");
    expect(first.rows).toEqual(whole.rows.slice(0, 7));
    expect(first.rows_total).toBe(whole.rows_total);
    expect(first.people).toBe(whole.people);
    expect(first.organizations).toEqual(whole.organizations);
    expect((await report(`/api/directory/privileged?limit=${whole.rows_total + 5}`)).rows).toEqual(whole.rows);
  });

  it("refuses a bad limit with a 400 that says what to send, and calls no upstream", async () => {
    sim.clearLog();
    for (const q of ["limit=0", "limit=abc", "limit=-1", "limit=1000001", "limit=5&limit=6", "limit=1.5"]) {
      const res = await get(`/api/directory/privileged?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type, q).toBe("invalid_request");
      expect(body.error.message, q).toMatch(/limit/);
    }
    expect(sim.log().filter((e) => e.path.startsWith("/v1/"))).toEqual([]);
  });
});

describe("GET /api/directory/privileged/query", () => {
  const query = async (qs: string): Promise<PrivilegedQueryAnswer> => {
    const res = await get(`/api/directory/privileged/query?${qs}`);
    expect(res.status, qs).toBe(200);
    return privilegedQueryAnswerSchema.parse(await res.json());
  };

  it("refuses bad parameters with a 400 naming them, reading neither store nor upstream", async () => {
    sim.clearLog();
    const bad: [string, RegExp][] = [
      ["sort=password", /sort/],
      ["limit=5001", /limit/],
      ["offset=x", /offset/],
      ["q=a&q=b", /"q".*more than once/],
      ["fresh=1", /"fresh"/],
      ["facets=2", /facets/],
      ["as_of=yesterday", /as_of/],
      ["since=sync_x", /since/],
      ["as_of=sync_abcdefgh_0123456789ab&as_of=sync_abcdefgh_0123456789ac", /as_of/],
    ];
    for (const [qs, message] of bad) {
      const res = await get(`/api/directory/privileged/query?${qs}`);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type, qs).toBe("invalid_request");
      expect(body.error.message, qs).toMatch(message);
    }
    expect((await fetch(`${app.url}/api/directory/privileged/query`)).status).toBe(401);
    expect(sim.log().filter((e) => e.path.startsWith("/v1/"))).toEqual([]);
  });

  it("answers windows of the report in its order, filtered, searched and sorted as the page asks, with the facets' counts", async () => {
    const whole = await report("/api/directory/privileged");
    const first = await query("limit=10");
    expect(first).toMatchObject({ rows_total: whole.rows_total, matched: whole.rows_total, offset: 0, people: whole.people, new_count: null });
    expect(first.rows).toEqual(whole.rows.slice(0, 10));
    expect((await query("offset=10&limit=10&facets=0")).rows).toEqual(whole.rows.slice(10, 20));

    const permission = whole.rows.filter((r) => r.source === "permission");
    const filtered = await query("source=permission&limit=500");
    expect(filtered.matched).toBe(permission.length);
    expect(filtered.rows.map(privilegedRowKey)).toEqual(permission.slice(0, 500).map(privilegedRowKey));
    // Each facet counts over the other filters: the source facet still counts every row.
    expect(new Map(filtered.facets!.source).get("organization_role")).toBe(whole.rows.length - permission.length);

    const needle = whole.rows[0]!.email.slice(0, 4).toUpperCase();
    const searched = await query(`q=${encodeURIComponent(needle)}&sort=-email&limit=500`);
    const expected = whole.rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => [r.full_name || r.email, r.email, r.user_id, r.access].some((k) => k.toLowerCase().includes(needle.toLowerCase())))
      .sort((a, b) => (a.r.email.toLowerCase() === b.r.email.toLowerCase() ? a.i - b.i : a.r.email.toLowerCase() < b.r.email.toLowerCase() ? 1 : -1))
      .map(({ r }) => r);
    expect(searched.rows.map(privilegedRowKey)).toEqual(expected.slice(0, 500).map(privilegedRowKey));

    const audit = (await (await get("/api/audit?action=view")).json()) as { entries: Array<{ target: string; sync_id?: string }> };
    expect(audit.entries.some((e) => e.target === "directory/privileged" && e.sync_id?.startsWith("sync_"))).toBe(true);
  });

  it("the audited download of a view holds exactly the rows the view names, in its order; without a view, every row", async () => {
    const view = "source=permission&sort=-email";
    const named = await query(`${view}&limit=5000&facets=0`);
    while (named.rows.length < named.matched) named.rows.push(...(await query(`${view}&offset=${named.rows.length}&limit=5000&facets=0`)).rows);
    const res = await get(`/api/export/privileged.csv?${view}`);
    expect(res.status).toBe(200);
    const [header, ...lines] = parseCsv(await res.text());
    const at = (name: string) => header!.indexOf(name);
    expect(lines.map((l) => `${l[at("user_id")]} ${l[at("access")]} ${l[at("group_id")]} ${l[at("resource_id")]}`)).toEqual(
      named.rows.map((r) => `${r.user_id} ${r.access} ${r.group_id} ${r.resource_id ?? ""}`),
    );
    expect(lines.length).toBeGreaterThan(5000);
    const whole = parseCsv(await (await get("/api/export/privileged.csv")).text());
    expect(whole.length - 1).toBe(named.rows_total);
    for (const qs of ["sort=password", "offset=5", "limit=5", "bom=1&bom=1"]) expect((await get(`/api/export/privileged.csv?${qs}`)).status, qs).toBe(400);
  });
});
