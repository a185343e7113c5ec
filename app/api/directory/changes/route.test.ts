import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeSchema } from "@/lib/shared/changes/change";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp } from "@/lib/tools/testing/live-app";

/*
 * The changes routes through the built app: two syncs with a simulator change between them, the
 * changes read page by page, and every bad input refused with the error shape and no upstream call.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
let first: string;
let second: string;
const OFFICER = { username: "cleo", password: "changes route test password 7" };

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { cookie, ...headers } });
const upstreamCalls = async () => ((await (await fetch(`${sim.url}/__simulator/log`)).json()) as { entries: unknown[] }).entries.length;

async function syncNow(): Promise<string> {
  const res = await fetch(`${app.url}/api/syncs`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: "{}" });
  expect(res.status).toBe(202);
  const { sync } = (await res.json()) as { sync: { id: string } };
  for (;;) {
    const s = ((await (await get(`/api/syncs/${sync.id}`)).json()) as { sync: { status: string } }).sync;
    if (s.status === "complete") return sync.id;
    if (s.status !== "running") throw new Error(`sync ${s.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "changes-route", orgUserCounts: [80, 30], groups: 5, ratePerMinute: 60_000 }, [OFFICER], {
    DATA_DIR: `test-results/changes-route-data-${process.pid}`,
    COMPLIANCE_SYNC_INTERVAL_MINUTES: "0",
    COMPLIANCE_RATE_LIMIT_RPS: "10",
  }));
  first = await syncNow();
  await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: 0.1 }) });
  second = await syncNow();
});

afterAll(() => closeLiveApp({ app, sim }));

describe("GET /api/directory/changes", () => {
  it("answers every change in pages, the same as one page, with both syncs", async () => {
    const whole = (await (await get(`/api/directory/changes?from=${first}&to=${second}`)).json()) as { changes: unknown[]; next_cursor: string | null; from: { id: string }; to: { id: string } };
    expect(whole.from.id).toBe(first);
    expect(whole.to.id).toBe(second);
    expect(whole.next_cursor).toBeNull();
    expect(whole.changes.length).toBeGreaterThan(5);
    whole.changes.forEach((c) => changeSchema.parse(c));
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/directory/changes?from=${first}&to=${second}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { changes: unknown[]; next_cursor: string | null };
      paged.push(...page.changes);
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(whole.changes);
    const same = (await (await get(`/api/directory/changes?from=${second}&to=${second}`)).json()) as { changes: unknown[] };
    expect(same.changes).toEqual([]);
  });

  it("refuses bad input with the error shape and calls no upstream", async () => {
    const page = (await (await get(`/api/directory/changes?from=${first}&to=${second}&limit=1`)).json()) as { next_cursor: string };
    await fetch(`${sim.url}/__simulator/log`, { method: "DELETE" });
    const cases: Array<[string, number]> = [
      [`/api/directory/changes?to=${second}`, 400],
      [`/api/directory/changes?from=nope&to=${second}`, 400],
      [`/api/directory/changes?from=sync_zzzzzzzz_000000000000&to=${second}`, 404],
      [`/api/directory/changes?from=${first}&to=${second}&kind=member_teleported`, 400],
      [`/api/directory/changes?from=${first}&to=${second}&limit=0`, 400],
      [`/api/directory/changes?from=${first}&to=${second}&limit=5001`, 400],
      [`/api/directory/changes?from=${first}&to=${second}&limit=2.5`, 400],
      [`/api/directory/changes?from=${first}&to=${second}&cursor=garbage!`, 400],
      [`/api/directory/changes?from=${second}&to=${first}&cursor=${page.next_cursor}`, 400],
      [`/api/directory/changes?from=${first}&to=${second}&extra=1`, 400],
      [`/api/directory/changes?from=${first}&from=${first}&to=${second}`, 400],
      [`/api/directory/changes/summary?from=${first}`, 400],
      [`/api/directory/history/person/bad%20id`, 400],
      [`/api/directory/changes.csv?from=${first}&to=${second}&kind=nope`, 400],
    ];
    for (const [path, status] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(typeof body.error.type, path).toBe("string");
      expect(body.error.message.length, path).toBeGreaterThan(10);
    }
    const noSession = await fetch(`${app.url}/api/directory/changes?from=${first}&to=${second}`);
    expect(noSession.status).toBe(401);
    const crossSite = await get(`/api/directory/changes.csv?from=${first}&to=${second}`, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await upstreamCalls()).toBe(0);
  });

  it("downloads the view as CSV and NDJSON, audited with both syncs, rows and SHA-256", async () => {
    const csv = await get(`/api/directory/changes.csv?from=${first}&to=${second}&kind=member_joined,member_left`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain(`changes_${first}_${second}`);
    const text = await csv.text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^kind,widens_access,summary,/);
    expect(lines.slice(1).every((l) => l.startsWith("member_joined,") || l.startsWith("member_left,"))).toBe(true);
    const nd = await get(`/api/directory/changes.ndjson?from=${first}&to=${second}&widens=1`);
    expect(nd.status).toBe(200);
    const rows = (await nd.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { widens_access: boolean });
    expect(rows.every((r) => r.widens_access)).toBe(true);
    const audit = (await (await get(`/api/audit?action=export`)).json()) as { entries: Array<{ target: string; rows?: number; sha256?: string; sync_id?: string; filters: Record<string, unknown> }> };
    const entry = audit.entries.find((e) => e.target === "changes.csv")!;
    expect(entry).toMatchObject({ rows: lines.length - 1, sync_id: second });
    expect(entry.filters).toMatchObject({ from: first, to: second, kinds: ["member_joined", "member_left"] });
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
