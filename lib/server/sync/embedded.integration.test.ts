import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { startAppExpectingFailure, type AppServer } from "@/lib/tools/testing/app-server";
import { appEnv, apiCalls, officer, people, requestSync, startAppWith, summary, syncEnded, syncs, until, type Officer, type SyncWire } from "@/lib/tools/testing/durable-rig";

/*
 * The embedded database (PGlite under DATA_DIR) across process lives, with `next start` against the
 * simulator: one process per DATA_DIR, a restart serves the last sync with no upstream call, and a
 * process killed mid-sync leaves the previous sync current, its own sync failed once stale, and
 * the next sync clean. The kept copy of the newest directory (directory-cache.ts) is written once a
 * sync is read and answers the next start; a damaged copy is ignored and rewritten; a restart after
 * a newer sync completed (killed before anything read it) serves the newer sync, never the copy.
 */

let sim: SimulatorHandle;
let dataDir: string;
let app: AppServer | undefined;
let o: Officer;

const start = async () => {
  app = await startAppWith(sim, { DATA_DIR: dataDir });
  o = await officer(app);
};

const copyOf = (syncId: string) => path.join(dataDir, "kept-directory", `directory-${syncId}.v8`);
const screenFile = () => path.join(dataDir, "kept-directory", "people-first-screen.json");
/** The sync People's kept first screen is of, if there is one. */
const screenSync = () => (existsSync(screenFile()) ? (JSON.parse(readFileSync(screenFile(), "utf8")) as { sync: { id: string } }).sync.id : undefined);

/** The sync People answers from, and its first rows. */
async function served(): Promise<{ sync: string | null; body: unknown }> {
  const res = await o.get("/api/directory/people/query?limit=50&sort=email");
  expect(res.status).toBe(200);
  return { sync: res.headers.get("x-directory-sync"), body: await res.json() };
}

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

describe("the kept directory copy across restarts", () => {
  it("is written once the sync is read, and a restart answers from it the same, with no upstream call", async () => {
    const first = await syncEnded(o, (await requestSync(o)).id);
    expect(first.status).toBe("complete");
    // Kept without any page asking: a completed sync has its directory read at once.
    await until("the copy and People's first screen to be kept", async () => (existsSync(copyOf(first.id)) && screenSync() === first.id ? true : undefined));
    const before = await served();
    expect(before.sync).toBe(first.id);

    await app!.close();
    sim.clearLog();
    await start();
    expect(await served()).toEqual(before);
    expect(apiCalls(sim)).toEqual([]);

    // A damaged copy is noticed, ignored and rewritten: the same sync is served from the store.
    await app!.close();
    const bytes = readFileSync(copyOf(first.id));
    const at = bytes.lastIndexOf("@");
    bytes[at + 1] = bytes[at + 1] === 0x78 ? 0x79 : 0x78;
    writeFileSync(copyOf(first.id), bytes);
    const damagedAt = statSync(copyOf(first.id)).mtimeMs;
    await start();
    expect(await served()).toEqual(before);
    expect(app!.output()).toMatch(/kept directory copy .* fails its checksum; the store is read instead/);
    await until("the copy to be rewritten", async () => (statSync(copyOf(first.id), { throwIfNoEntry: false })?.mtimeMs ?? damagedAt) > damagedAt ? true : undefined);
  });

  it("never serves the older copy after a restart that follows a newer sync", async () => {
    const older = (await served()).sync!;
    await until("the older sync's People screen to be kept", async () => (screenSync() === older ? true : undefined));
    const olderFiles = [copyOf(older), screenFile()].map((file) => ({ file, bytes: readFileSync(file) }));
    expect(sim.churn(0.3, 1).length).toBeGreaterThan(0);
    const newer = await syncEnded(o, (await requestSync(o)).id);
    expect(newer.status).toBe("complete");
    // Killed before the newer sync's directory was kept: the folder holds the older sync's copy and
    // screen only (put back as they were, in case reading the newer sync was quicker than the kill).
    await app!.kill();
    rmSync(copyOf(newer.id), { force: true });
    for (const { file, bytes } of olderFiles) writeFileSync(file, bytes);
    expect(screenSync()).toBe(older);

    await start();
    const after = await served();
    expect(after.sync).toBe(newer.id);
    await until("the newer sync's copy and screen to replace the older", async () => (existsSync(copyOf(newer.id)) && !existsSync(copyOf(older)) && screenSync() === newer.id ? true : undefined));

    // And that copy serves the next restart exactly as the store did.
    await app!.close();
    await start();
    expect(await served()).toEqual(after);
  });
});

describe("a stop (SIGTERM)", () => {
  it("right after a sync completed keeps what the next start reads, then exits through Next.js's own handler", async () => {
    expect(sim.churn(0.3, 2).length).toBeGreaterThan(0);
    const done = await syncEnded(o, (await requestSync(o)).id);
    expect(done.status).toBe("complete");
    // 143: Next.js's handler ended the process (128 + SIGTERM), after ours had finished.
    expect(await app!.close()).toBe(143);
    expect(existsSync(copyOf(done.id))).toBe(true);
    expect(screenSync()).toBe(done.id);

    sim.clearLog();
    await start();
    expect((await served()).sync).toBe(done.id);
    expect(apiCalls(sim)).toEqual([]);
  });

  it("during a sync cancels it and records why, then exits through Next.js's own handler", async () => {
    sim.setFaults([{ kind: "latency", latencyMs: 60_000 }]);
    sim.clearLog();
    let running: SyncWire;
    try {
      running = await requestSync(o);
      await until("the sync's first upstream call", async () => (sim.log().length > 0 ? true : undefined), 50);
      expect(await app!.close()).toBe(143);
      expect(app!.output()).toMatch(/Stopping: first ending this process's sync/);
    } finally {
      sim.clearFaults();
    }
    await start();
    const ended = (await syncs(o)).find((s) => s.id === running.id);
    expect(ended?.status).toBe("cancelled");
    expect(ended?.error?.message).toMatch(/the server is shutting down/);
  });
});
