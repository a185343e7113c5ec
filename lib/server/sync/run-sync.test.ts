import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upstreamDirectorySource } from "@/lib/server/directory/upstream-source";
import { startSimulator } from "@/lib/tools/simulator/server";
import { openDatabase, type Database } from "@/lib/server/store/database";
import { syncRepository } from "@/lib/server/store/syncs";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient } from "@/lib/server/upstream/client";
import { directoryOfSync } from "./directory-from-sync";
import { runSync } from "./run-sync";

/*
 * A sync against the simulator over HTTP into an embedded database: it reads everything, counts
 * its calls, keeps each fact once however often the same directory is synced, and a failed sync
 * changes nothing.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let client: UpstreamClient;
let database: Database;
let dir: string;

async function simCalls(): Promise<number> {
  const res = await fetch(`${sim.url}/__simulator/log`);
  return ((await res.json()) as { entries: unknown[] }).entries.length;
}
const clearLog = () => fetch(`${sim.url}/__simulator/log`, { method: "DELETE" });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "sync", orgUserCounts: [1400, 300, 20], groups: 5, ratePerMinute: 60_000 });
  client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter: new LocalLimiter({ rps: 200 }), timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  dir = mkdtempSync(path.join(tmpdir(), "sync-test-"));
  database = await openDatabase({ dataDir: dir });
});

afterAll(async () => {
  await database?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sync() {
  const repo = syncRepository(database);
  const started = await repo.start({ trigger: "request", holder: "test" });
  expect(started.started).toBe(true);
  return runSync({ source: upstreamDirectorySource(client), repo, sync: started.sync, holder: "test" });
}

describe("a sync", () => {
  it("reads the whole directory, counting every call it sent", async () => {
    await clearLog();
    const s = await sync();
    expect(s.status).toBe("complete");
    const d = sim.directory;
    const memberships = d.organizations.reduce((n, o) => n + d.usersOf(o.uuid).length, 0);
    expect(s.counts).toMatchObject({ organizations: 3, memberships, groups: d.groups.length });
    expect(s.upstreamCalls).toBe(await simCalls());
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps an unchanged directory once: a second sync adds no facts and has the same digest", async () => {
    const [{ n: before }] = (await database.query<{ n: string }>("select count(*) as n from directory_facts")) as [{ n: string }];
    const first = (await syncRepository(database).newestComplete())!;
    const second = await sync();
    const [{ n: after }] = (await database.query<{ n: string }>("select count(*) as n from directory_facts")) as [{ n: string }];
    expect(Number(after)).toBe(Number(before));
    expect(second.sha256).toBe(first.sha256);
    expect(second.seq).toBeGreaterThan(first.seq);
  });

  it("reads the facts true now in pages, the same as in one answer, and a sync through pages writes nothing new", async () => {
    const whole = await syncRepository(database).openFactHashes();
    const repo = syncRepository(database, { openFactsPage: 97 });
    const paged = await repo.openFactHashes();
    expect(whole.size).toBeGreaterThan(97 * 5);
    expect(paged).toEqual(whole);
    const newest = (await repo.newestComplete())!;
    const started = await repo.start({ trigger: "request", holder: "test" });
    const again = await runSync({ source: upstreamDirectorySource(client), repo, sync: started.sync, holder: "test" });
    expect(again.status).toBe("complete");
    expect(again.sha256).toBe(newest.sha256);
    expect(await repo.openFactHashes()).toEqual(whole);
  });

  it("that fails leaves the newest complete sync current and nothing staged", async () => {
    const repo = syncRepository(database);
    const newest = (await repo.newestComplete())!;
    await fetch(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [{ path: "/members$", kind: "status", status: 403 }] }),
    });
    try {
      const s = await sync();
      expect(s.status).toBe("failed");
      expect(s.error?.message).toBeTruthy();
    } finally {
      await fetch(`${sim.url}/__simulator/faults`, { method: "DELETE" });
    }
    expect((await repo.newestComplete())!.id).toBe(newest.id);
    const [{ n }] = (await database.query<{ n: string }>("select count(*) as n from sync_staging")) as [{ n: string }];
    expect(Number(n)).toBe(0);
  });

  it("never runs twice at once: a second start answers the running one", async () => {
    const repo = syncRepository(database);
    const a = await repo.start({ trigger: "request", holder: "one" });
    const b = await repo.start({ trigger: "request", holder: "two" });
    expect(a.started).toBe(true);
    expect(b).toEqual({ started: false, sync: expect.objectContaining({ id: a.sync.id }) });
    await repo.finishUnsuccessfully(a.sync.id, "cancelled", { type: "cancelled", message: "test" }, 0);
  });

  it("after the directory changes, writes only what changed, and each sync still reads back as it stood", async () => {
    const repo = syncRepository(database);
    const before = (await repo.newestComplete())!;
    const beforeDir = await directoryOfSync(database, before);
    const [{ n: factsBefore }] = (await database.query("select count(*) as n from directory_facts")) as [{ n: string }];
    const changes = sim.churn(0.05);
    expect(changes.length).toBeGreaterThan(0);
    const after = await sync();
    expect(after.sha256).not.toBe(before.sha256);
    const d = sim.directory;
    const memberships = d.organizations.reduce((n, o) => n + d.usersOf(o.uuid).length, 0);
    expect(after.counts).toMatchObject({ memberships, groups: d.groups.length, organizations: d.organizations.length });
    const afterDir = await directoryOfSync(database, after);
    for (const o of d.organizations) {
      expect(new Set(afterDir.people.filter((p) => p.memberships.some((m) => m.organization.uuid === o.uuid)).map((p) => p.id))).toEqual(new Set(d.usersOf(o.uuid).map((u) => u.id)));
    }
    // The earlier sync is untouched by the later one.
    expect((await directoryOfSync(database, before)).counts).toEqual(beforeDir.counts);
    // Storage grew by about the changes, not by another directory.
    const [{ n: factsAfter }] = (await database.query("select count(*) as n from directory_facts")) as [{ n: string }];
    expect(Number(factsAfter) - Number(factsBefore)).toBeLessThan(changes.length * 3 + 50);
  });
});
