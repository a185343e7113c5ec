import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { officer, type Officer, postgresRig, requestSync, syncEnded, VIEWER } from "@/lib/tools/testing/durable-rig";
import { postgresMissing, runSql } from "@/lib/tools/testing/postgres-server";

/*
 * Saved reconciliations and saved views over HTTP against `next start` on a PostgreSQL the test can
 * break: saved, listed, read, re-run against a newer sync, compared; every save and run on record
 * with its sync before anything is kept or handed out (with the log refusing writes: 503, nothing
 * saved); bad input refused with no upstream call.
 */

const missing = postgresMissing();
if (missing) console.warn(`Skipping the saved-work routes suite: ${missing}`);

const rig = postgresRig(missing, "saved", { seed: "saved-work", orgUserCounts: [30, 8], groups: 3 });
let vic: Officer;

beforeAll(async () => {
  if (missing) return;
  vic = await officer(rig.app, VIEWER);
  expect((await syncEnded(rig.exp, (await requestSync(rig.exp)).id)).status).toBe("complete");
});

beforeEach(() => {
  if (!missing) rig.sim.clearLog();
});

const sql = (text: string): Promise<unknown[]> => runSql(rig.pgServer.url, text);

const errorOf = async (res: Response) => ((await res.json()) as { error: { type: string; message: string } }).error;
const upstreamCalls = async () => (await rig.sim.log()).length;
type Entry = { target: string; sync_id?: string; filters: Record<string, unknown>; outcome: string };
const auditOf = async (target: string) =>
  ((await (await rig.exp.get("/api/audit?action=reconciliation&limit=1000")).json()) as { entries: Entry[] }).entries.filter((e) => e.target.startsWith(target));
const groupWithMembers = () => rig.sim.directory.groups.find((g) => rig.sim.directory.membersOf(g.id).length >= 3)!;

describe.skipIf(!!missing)("saved reconciliations", () => {
  it("saves, lists, reads, re-runs against a newer sync and compares the runs, each save and run on record with its sync", async () => {
    const g = groupWithMembers();
    const [m1, m2, m3] = rig.sim.directory.membersOf(g.id);
    const expected = { kind: "paste", text: [m1!.email, m2!.email, "nobody@example.com"].join("\n") };
    const saved = await rig.exp.post("/api/reconciliations", { name: "Sales vs HR", group_id: g.id, expected });
    expect(saved.status).toBe(201);
    const meta = (await saved.json()) as { id: string; latest: { sync_id: string; counts: { missing: number; unexpected: number } } };
    expect(meta.id).toMatch(/^rc_/);
    expect(meta.latest.counts.missing).toBe(1);
    const firstSync = meta.latest.sync_id;
    expect(firstSync).toMatch(/^sync_/);
    const [saveEntry] = await auditOf(`reconciliation:${meta.id} `);
    expect(saveEntry).toMatchObject({ outcome: "ok", sync_id: firstSync, filters: { operation: "save" } });

    const list = (await (await vic.get("/api/reconciliations")).json()) as { reconciliations: { id: string; name: string }[] };
    expect(list.reconciliations.find((r) => r.id === meta.id)?.name).toBe("Sales vs HR");
    const detail = await vic.get(`/api/reconciliations/${meta.id}`);
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { run: { result: { missing: { input: string }[] } } }).run.result.missing.map((r) => r.input)).toEqual(["nobody@example.com"]);

    // The directory moves on: m1 leaves the group; a newer sync reads it.
    rig.sim.mutate([{ kind: "group_member_removed", group: g.id, user: m1!.user_id }]);
    expect((await syncEnded(rig.exp, (await requestSync(rig.exp)).id)).status).toBe("complete");
    rig.sim.clearLog();
    const rerun = await rig.exp.post(`/api/reconciliations/${meta.id}/runs`, {});
    expect(rerun.status).toBe(201);
    const ref = (await rerun.json()) as { number: number; sync_id: string };
    expect(ref.number).toBe(2);
    expect(ref.sync_id).not.toBe(firstSync);
    expect(await upstreamCalls()).toBe(0);
    const entries = await auditOf(`reconciliation:${meta.id} `);
    expect(entries.find((e) => e.filters.operation === "re-run")).toMatchObject({ sync_id: ref.sync_id });

    const cmp = await rig.exp.get(`/api/reconciliations/${meta.id}/compare?a=1&b=2`);
    expect(cmp.status).toBe(200);
    const c = (await cmp.json()) as { newly_missing: { input: string }[]; newly_unexpected: unknown[]; no_longer_unexpected: { user_id: string }[] };
    expect(c.newly_missing.map((r) => r.input)).toEqual([m1!.email]);
    expect(c.newly_unexpected).toEqual([]);
    expect(c.no_longer_unexpected.map((r) => r.user_id)).not.toContain(m3!.user_id);

    // A kept run downloads as it was kept: run 1 still has m1 in both lists, read against the first sync.
    const file = await rig.exp.post(`/api/reconciliations/${meta.id}/file`, { run: 1, list: "all" });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("run-1");
    const csv = await file.text();
    expect(csv).toContain(m1!.email);
    expect(csv).toContain("nobody@example.com");
    const inBoth = async (run: number) => (await rig.exp.post(`/api/reconciliations/${meta.id}/file`, { run, list: "in_both" })).text();
    expect(await inBoth(1)).toContain(m1!.email);
    expect(await inBoth(2)).not.toContain(m1!.email);
    const exports = ((await (await rig.exp.get("/api/audit?action=export&limit=1000")).json()) as { entries: Entry[] }).entries;
    expect(exports.find((e) => e.target === `reconciliation:${meta.id}#1.csv`)).toMatchObject({ outcome: "completed", sync_id: firstSync });
    // The audit log's own download names the sync of each entry too.
    const auditCsv = (await (await rig.exp.get("/api/audit.csv?action=reconciliation")).text()).split("\r\n");
    expect(auditCsv[0]!.split(",").at(-1)).toBe("sync_id");
    expect(auditCsv.find((l) => l.includes(`reconciliation:${meta.id} `) && l.includes("save"))).toMatch(new RegExp(`,${firstSync}$`));
    expect(await upstreamCalls()).toBe(0);
  });

  it("refuses bad input with a clear 4xx and no upstream call", async () => {
    const g = groupWithMembers();
    rig.sim.clearLog();
    const cases: [Promise<Response>, number][] = [
      [vic.post("/api/reconciliations", { name: "x", group_id: g.id, expected: { kind: "paste", text: "a@b.c" } }), 403],
      [rig.exp.post("/api/reconciliations", { name: "", group_id: g.id, expected: { kind: "paste", text: "a@b.c" } }), 400],
      [rig.exp.post("/api/reconciliations", { name: "x", group_id: "../etc", expected: { kind: "paste", text: "a@b.c" } }), 400],
      [rig.exp.post("/api/reconciliations", { name: "x", group_id: g.id, expected: { kind: "paste", text: "   " } }), 400],
      [rig.exp.post("/api/reconciliations", { name: "x", group_id: g.id, expected: { kind: "paste", text: "a@b.c" } }, { origin: "https://evil.example" }), 403],
      [rig.exp.post("/api/reconciliations/rc_doesnotexist1/runs", {}), 404],
      [rig.exp.post("/api/reconciliations/not-an-id/runs", {}), 400],
      [rig.exp.post("/api/reconciliations/rc_doesnotexist1/runs", { as_of: "yesterday" }), 400],
      [rig.exp.get("/api/reconciliations/not-an-id"), 400],
      [rig.exp.get("/api/reconciliations/rc_doesnotexist1?run=x"), 400],
      [rig.exp.get("/api/reconciliations/rc_doesnotexist1/compare?a=0"), 400],
      [rig.exp.post("/api/reconciliations/rc_doesnotexist1/file", { run: 1, list: "all" }), 404],
      [rig.exp.post("/api/reconciliations/rc_doesnotexist1/file", { run: 0, list: "all" }), 400],
      [rig.exp.post("/api/reconciliations/rc_doesnotexist1/file", { run: 1, list: "everything" }), 400],
      [vic.post("/api/reconciliations/rc_doesnotexist1/file", { run: 1, list: "all" }), 403],
      [rig.exp.post("/api/views", { name: "v", path: "https://evil.example/", query: "" }), 400],
      [rig.exp.post("/api/views", { name: "v", path: "/api/export/users.csv", query: "" }), 400],
      [rig.exp.post("/api/views", { name: "v", path: "/people", query: "x".repeat(3000) }), 400],
      [rig.exp.get("/api/views?path=//evil"), 400],
      [fetch(`${rig.app.url}/api/reconciliations`), 401],
    ];
    for (const [res, status] of cases) {
      const r = await res;
      expect(r.status, r.url).toBe(status);
      expect((await errorOf(r)).message.length).toBeGreaterThan(10);
    }
    expect(await upstreamCalls()).toBe(0);
  });

  it("with the audit log refusing writes: saves, re-runs, re-resolves and downloads answer 503, keep nothing and hand nothing out", async () => {
    const g = groupWithMembers();
    const ok = await rig.exp.post("/api/reconciliations", { name: "Kept", group_id: g.id, expected: { kind: "paste", text: rig.sim.directory.membersOf(g.id)[0]!.email } });
    const meta = (await ok.json()) as { id: string };
    const seedSources = [{ kind: "paste", text: rig.sim.directory.membersOf(g.id)[0]!.email }];
    const list = (await (await rig.exp.post("/api/seed-lists", { name: "Kept list", sources: seedSources })).json()) as { id: string };
    const count = async (table: string) => ((await sql(`select count(*)::int as n from ${table}`)) as { n: number }[])[0]!.n;
    const seedBefore = { lists: await count("seed_lists"), resolutions: await count("seed_list_resolutions") };
    const before = ((await sql("select count(*)::int as n from reconciliations")) as { n: number }[])[0]!.n;
    await sql("alter table audit_entries add constraint refuse_every_write check (false) not valid");
    try {
      const save = await rig.exp.post("/api/reconciliations", { name: "Not kept", group_id: g.id, expected: { kind: "paste", text: "a@example.com" } });
      expect(save.status).toBe(503);
      expect(await errorOf(save)).toMatchObject({ type: "audit_unavailable" });
      const rerun = await rig.exp.post(`/api/reconciliations/${meta.id}/runs`, {});
      expect(rerun.status).toBe(503);
      expect(JSON.stringify(await rerun.json())).not.toContain("in_both");
      const file = await rig.exp.post(`/api/reconciliations/${meta.id}/file`, { run: 1, list: "all" });
      expect(file.status).toBe(503);
      expect(await file.text()).not.toContain(rig.sim.directory.membersOf(g.id)[0]!.email);
      // Seed lists too: neither a new list nor a new resolution is kept without its audit entry.
      expect((await rig.exp.post("/api/seed-lists", { name: "Not kept list", sources: seedSources })).status).toBe(503);
      expect((await rig.exp.post(`/api/seed-lists/${list.id}/re-resolve`, {})).status).toBe(503);
      expect({ lists: await count("seed_lists"), resolutions: await count("seed_list_resolutions") }).toEqual(seedBefore);
    } finally {
      await sql("alter table audit_entries drop constraint refuse_every_write");
    }
    expect(((await sql("select count(*)::int as n from reconciliations")) as { n: number }[])[0]!.n).toBe(before);
    expect(((await sql(`select count(*)::int as n from reconciliation_runs where reconciliation_id = '${meta.id}'`)) as { n: number }[])[0]!.n).toBe(1);
  });
});

describe.skipIf(!!missing)("saved views", () => {
  it("saves a view of a page, lists everyone's for that page, and removes only one's own", async () => {
    const saved = await rig.exp.post("/api/views", { name: "Owners", path: "/people", query: "?org_role=owner&q=ada" });
    expect(saved.status).toBe(201);
    const view = (await saved.json()) as { id: string; query: string; created_by: string };
    expect(view.query).toBe("org_role=owner&q=ada");
    const listed = (await (await vic.get("/api/views?path=/people")).json()) as { views: { id: string }[] };
    expect(listed.views.map((v) => v.id)).toContain(view.id);
    expect(((await (await vic.get("/api/views?path=/groups")).json()) as { views: unknown[] }).views).toEqual([]);
    const del = (o: Officer, headers: Record<string, string> = { origin: rig.app.url }) => fetch(`${rig.app.url}/api/views/${view.id}`, { method: "DELETE", headers: { cookie: o.cookie, ...headers } });
    expect((await del(vic)).status).toBe(404);
    expect((await del(rig.exp, { origin: "https://evil.example" })).status).toBe(403);
    expect((await del(rig.exp)).status).toBe(204);
    expect(((await (await vic.get("/api/views?path=/people")).json()) as { views: { id: string }[] }).views.map((v) => v.id)).not.toContain(view.id);
  });
});
