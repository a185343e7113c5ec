import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareByOrganization, privilegedReportSchema, type PrivilegedReport } from "@/lib/shared/privileged/wire";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, syncToEnd } from "@/lib/tools/testing/live-app";

/*
 * GET /api/directory/privileged through the built app: the whole report in the table's order, its
 * first rows alone with `limit` (what the page sends ahead), and bad input refused with no upstream
 * call.
 */

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
