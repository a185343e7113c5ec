import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { startAppExpectingFailure, type AppServer } from "@/lib/tools/testing/app-server";
import { appEnv, apiCalls, officer, people, requestSync, startAppWith, summary, syncEnded, syncs, until, type Officer } from "@/lib/tools/testing/durable-rig";

/*
 * The embedded database (PGlite under DATA_DIR) across process lives, with `next start` against the
 * simulator: one process per DATA_DIR, a restart serves the last sync with no upstream call, and a
 * process killed mid-sync leaves the previous sync current, its own sync failed once stale, and
 * the next sync clean.
 */

let sim: SimulatorHandle;
let dataDir: string;
let app: AppServer | undefined;
let o: Officer;

const start = async () => {
  app = await startAppWith(sim, { DATA_DIR: dataDir });
  o = await officer(app);
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "durable-embedded", orgUserCounts: [30, 9], groups: 2, ratePerMinute: 60_000 });
  dataDir = mkdtempSync(path.join(tmpdir(), "durable-embedded-"));
  await start();
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("refuses a second process on the same DATA_DIR at start, in one line that says what to do", async () => {
    const { code, output } = await startAppExpectingFailure(await appEnv(sim, { DATA_DIR: dataDir }));
    expect(code).not.toBe(0);
    const lines = output.split("\n").filter((l) => /use DATABASE_URL/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: .*already open in another process.*use DATABASE_URL to run several instances/);
    expect(output).not.toContain(sim.keys.full);
    // The first process is untouched.
    expect((await o.get("/api/syncs")).status).toBe(200);
  });

  it("serves the last sync after a restart with zero upstream calls", async () => {
    const first = await syncEnded(o, (await requestSync(o)).id);
    expect(first.status).toBe("complete");
    const servedBefore = await summary(o);
    const peopleBefore = await people(o);
    expect(peopleBefore.people).toBeGreaterThan(0);

    await app!.close();
    sim.clearLog();
    await start();
    const servedAfter = await summary(o);
    expect(servedAfter).toEqual(servedBefore);
    expect(await people(o)).toEqual(peopleBefore);
    expect((await syncs(o)).find((s) => s.status === "complete")!.id).toBe(first.id);
    expect(apiCalls(sim)).toEqual([]);
  });

  it("keeps the previous sync current when the process is killed mid-sync, and syncs cleanly after", async () => {
    const before = (await syncs(o)).find((s) => s.status === "complete")!;
    const servedBefore = await summary(o);
    sim.setFaults([{ kind: "latency", latencyMs: 400 }]);
    sim.clearLog();
    const killed = await requestSync(o);
    await until("the sync to be under way", async () => (apiCalls(sim).length >= 4 ? true : undefined));
    await app!.kill();
    sim.clearFaults();

    await start();
    // The killed sync's process is gone: the same directory is served, and the complete sync stays newest.
    expect(await summary(o)).toEqual(servedBefore);
    const list = await syncs(o);
    expect(list.find((s) => s.status === "complete")!.id).toBe(before.id);
    expect(["running", "failed"]).toContain(list.find((s) => s.id === killed.id)!.status);
    // Once its lease is stale (COMPLIANCE_SYNC_STALE_SECONDS=3 here) it ends failed, never complete.
    const ended = await syncEnded(o, killed.id);
    expect(ended).toMatchObject({ status: "failed", counts: null, sha256: null });
    expect(ended.error?.type).toBe("interrupted");

    sim.clearLog();
    const next = await syncEnded(o, (await requestSync(o)).id);
    expect(next.status).toBe("complete");
    expect(next.sha256).toBe(before.sha256);
    expect(next.counts).toEqual(before.counts);
    expect(next.upstream_calls).toBe(apiCalls(sim).length);
    expect(await summary(o)).toMatchObject({ status: 200, body: { counts: servedBefore.body.counts } });
  });
});
