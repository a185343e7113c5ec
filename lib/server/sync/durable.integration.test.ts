import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/lib/server/store/migrate";
import { apiCalls, officer, type Officer, people, postgresRig, requestSync, summary, syncEnded, syncs, until, VIEWER } from "@/lib/tools/testing/durable-rig";
import { postgresMissing, runSql } from "@/lib/tools/testing/postgres-server";

/*
 * Two `next start` instances on one PostgreSQL (DATABASE_URL), against the simulator over HTTP:
 * they migrate once, run one sync between them however many ask, serve the same directory, share
 * the audit log and logouts; the database going away gives clear 503s, no half-written sync, and
 * the service comes back with it.
 */

const missing = postgresMissing();
if (missing) console.warn(`Skipping the two-instance PostgreSQL suite: ${missing}`);

// Both instances start together against the fresh database: each runs the migrations at start.
const rig = postgresRig(missing, "directory", { seed: "durable-two", orgUserCounts: [40, 12], groups: 3 }, 2);
const [appA, appB] = [() => rig.apps[0]!, () => rig.apps[1]!];
// The exporter, logged in on A and on B.
const [a, b] = [() => rig.officers[0]!, () => rig.officers[1]!];

const sql = <T,>(text: string): Promise<T[]> => runSql<T>(rig.pgServer.url, text);

describe.skipIf(!!missing)("two instances on one PostgreSQL", () => {
  it("migrated once though both started together", async () => {
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));
    const rows = await sql<{ hash: string }>(`select hash from drizzle.__drizzle_migrations`);
    expect(rows).toHaveLength(files.length);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(files.length);
  });

  it("runs one sync between them however many ask, and both serve it", async () => {
    rig.sim.clearLog();
    const asked = await Promise.all(Array.from({ length: 3 }, () => [requestSync(a()), requestSync(b())]).flat());
    expect(new Set(asked.map((s) => s.id)).size).toBe(1);
    const id = asked[0]!.id;
    // Asking again while it runs joins it too.
    const again = await Promise.all([requestSync(a()), requestSync(b())]);
    const done = await syncEnded(a(), id);
    expect(done.status).toBe("complete");
    if (again.some((s) => s.id !== id)) {
      // The first one may have finished before the second round asked: then exactly one more ran.
      expect(new Set(again.map((s) => s.id)).size).toBe(1);
      await syncEnded(a(), again[0]!.id);
    }

    // One walk's worth of calls: no request sent twice, and as many as the sync counted.
    const calls = apiCalls(rig.sim);
    const runs = new Set([id, ...again.map((s) => s.id)]).size;
    expect(calls.length).toBe((await syncs(a())).filter((s) => s.status === "complete").reduce((n, s) => n + s.upstream_calls, 0));
    if (runs === 1) expect(new Set(calls).size).toBe(calls.length);
    expect(calls.filter((c) => c.startsWith("GET /v1/compliance/organizations?") || c === "GET /v1/compliance/organizations")).toHaveLength(runs);

    // Both serve the same directory from it, with no upstream call.
    rig.sim.clearLog();
    const [sa, sb] = await Promise.all([summary(a()), summary(b())]);
    expect(sa.status).toBe(200);
    expect(sb).toEqual(sa);
    expect((sa.body.counts as Record<string, number>).memberships).toBe(52);
    const [pa, pb] = await Promise.all([people(a()), people(b())]);
    expect(pa.error).toBeUndefined();
    expect(pa.people).toBeGreaterThan(0);
    expect(pb).toEqual(pa);
    expect(apiCalls(rig.sim)).toEqual([]);
    const newest = (await syncs(b())).find((s) => s.status === "complete")!;
    expect(newest.id).toBe((await syncs(a())).find((s) => s.status === "complete")!.id);
  });

  it("keeps every route's bad-input answers, with no upstream call", async () => {
    rig.sim.clearLog();
    for (const id of ["nope", "sync_", "sync_zzzzzzzz_000000000000", "..%2f..%2fetc", "sync_" + "a".repeat(300), "SYNC_abcdefgh_0123456789ab"]) {
      const res = await a().get(`/api/syncs/${id}`);
      expect(res.status, id).toBe(404);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe("not_found");
    }
    for (const body of ['{"force":true}', "[]", "null", "not json", '""']) {
      const res = await a().post("/api/syncs", body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
    const viewer = await officer(appA(), VIEWER);
    expect((await viewer.post("/api/syncs", {})).status).toBe(403);
    expect((await a().post("/api/syncs", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await fetch(`${appA().url}/api/syncs`)).status).toBe(401);
    expect((await a().get("/api/syncs?limit=5")).status).toBe(400);
    expect(apiCalls(rig.sim)).toEqual([]);
    expect((await syncs(a())).filter((s) => s.status === "running")).toEqual([]);
  });

  it("lists on one instance the audit entry written on the other", async () => {
    const logins = async (o: Officer) => {
      const res = await o.get("/api/audit?action=login&actor=olga&limit=100");
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { entries: Array<{ id: string; actor: string; action: string }> }).entries;
    };
    const seenOnB = new Set((await logins(b())).map((e) => e.id));
    await officer(appA()); // a login, audited on A
    const fresh = (await logins(b())).filter((e) => !seenOnB.has(e.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ actor: "olga", action: "login" });
    expect((await logins(a())).map((e) => e.id)).toContain(fresh[0]!.id);
  });

  it("refuses on one instance a session logged out on the other", async () => {
    const session = await officer(appA());
    expect((await fetch(`${appB().url}/api/syncs`, { headers: { cookie: session.cookie } })).status).toBe(200);
    const out = await fetch(`${appA().url}/api/auth/logout`, { method: "POST", headers: { cookie: session.cookie, origin: appA().url } });
    expect(out.status).toBe(204);
    expect((await fetch(`${appB().url}/api/syncs`, { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await fetch(`${appA().url}/api/syncs`, { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it("answers 503 while the database is down, leaves no half-written sync, and recovers when it is back", async () => {
    const before = (await syncs(a())).find((s) => s.status === "complete")!;
    // A slow upstream keeps the sync running while the database goes away under it.
    rig.sim.setFaults([{ kind: "latency", latencyMs: 400 }]);
    rig.sim.clearLog();
    const running = await requestSync(b());
    expect(running.status).toBe("running");
    await until("the sync to have staged something", async () => (apiCalls(rig.sim).length >= 4 ? true : undefined));
    await rig.pgServer.stop();
    try {
      for (const o of [a(), b()]) {
        const res = await o.get("/api/syncs");
        expect(res.status).toBe(503);
        const body = (await res.json()) as { error: { type: string; message: string } };
        expect(body.error.type).toBe("store_unavailable");
        expect(body.error.message).toMatch(/database is unavailable/);
        expect(res.headers.get("retry-after")).toBeTruthy();
        const s = await summary(o);
        expect(s.status).toBe(503);
        // Nothing was sent before the store failed: a plain 503, not a 200 stream ending in an error line.
        const p = await people(o);
        expect(p.status).toBe(503);
        expect(p.done).toBeUndefined();
        expect(p.error?.type).toBe("store_unavailable");
        // A dashboard page: the 503 page that says so, not a crash.
        const page = await o.get("/people", { redirect: "manual" });
        expect(page.status).toBe(307);
        const to = new URL(page.headers.get("location")!, o.app.url);
        expect(to.pathname).toBe("/unavailable");
        const unavailable = await o.get(to.pathname + to.search);
        expect(unavailable.status).toBe(503);
        expect(unavailable.headers.get("retry-after")).toBeTruthy();
        expect(await unavailable.text()).toMatch(/database is unavailable[\s\S]*href="\/people"/);
      }
      // Starting a sync cannot be recorded: refused the same way, nothing walked for it.
      expect((await a().post("/api/syncs", {})).status).toBe(503);
    } finally {
      rig.sim.clearFaults();
      await rig.pgServer.start();
    }

    // Back: the very next request succeeds, on both (the pools drop their dead connections).
    const [la, lb] = await Promise.all([syncs(a()), syncs(b())]);
    expect(lb.map((s) => s.id)).toEqual(la.map((s) => s.id));
    // The interrupted sync is never half-written. A sync writes only what changed and makes it
    // current in one transaction at its end, so one that read an unchanged directory may still
    // complete after the database is back (then it is whole: the same digest and counts as the sync
    // before it); one that needed the database while it was away ends failed, and the sync before
    // it stays current.
    const ended = await until("the interrupted sync to end", async () => {
      const s = (await syncs(a())).find((x) => x.id === running.id)!;
      return s.status === "running" ? undefined : s;
    });
    expect(["failed", "complete"]).toContain(ended.status);
    if (ended.status === "failed") {
      expect(ended.counts).toBeNull();
      expect(ended.sha256).toBeNull();
      expect((await syncs(b())).find((s) => s.status === "complete")!.id).toBe(before.id);
    } else {
      expect(ended.sha256).toBe(before.sha256);
      expect(ended.counts).toEqual(before.counts);
    }
    expect((await sql<{ n: string }>(`select count(*) as n from sync_staging`))[0]!.n).toBe("0");
    const [sa, sb] = await Promise.all([summary(a()), summary(b())]);
    expect(sa.status).toBe(200);
    expect(sb).toEqual(sa);

    // And a new sync runs to completion, with the same content as before.
    const next = await requestSync(a());
    const done = await syncEnded(b(), next.id);
    expect(done.status).toBe("complete");
    expect(done.sha256).toBe(before.sha256);
  });
});
