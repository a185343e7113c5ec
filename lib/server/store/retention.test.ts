import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "@/lib/shared/changes/change";
import { startSimulator } from "@/lib/tools/simulator/server";
import { directoryOfSync } from "@/lib/server/sync/directory-from-sync";
import { openSyncedStore, type SyncedStore } from "@/lib/tools/testing/synced-directory";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { changesRepository } from "./changes";
import { pruneSyncs } from "./retention";
import { syncRepository, type SyncRecord } from "./syncs";

/*
 * Retention against the simulator over HTTP: five syncs with churn between each, then the oldest
 * two pruned by a `now` far enough ahead. Every kept sync's directory and every change between
 * kept syncs read back exactly as before; the pruned syncs and the versions only they held are gone.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let synced: SyncedStore;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "retention", orgUserCounts: [50, 20], groups: 5, ratePerMinute: 60_000 });
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter: new LocalLimiter({ rps: 500 }), timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  synced = await openSyncedStore(client);
});

afterAll(async () => {
  await synced?.close();
  await sim?.close();
});

async function allChanges(from: SyncRecord, to: SyncRecord): Promise<Change[]> {
  const repo = changesRepository(synced.database);
  const changes: Change[] = [];
  let after;
  for (;;) {
    const page = await repo.page({ from, to, limit: 500, after });
    changes.push(...page.changes);
    if (!page.next) return changes;
    after = page.next;
  }
}

async function changesBetween(from: SyncRecord, to: SyncRecord) {
  const repo = changesRepository(synced.database);
  return { changes: await allChanges(from, to), counts: await repo.counts(from, to), labels: await repo.labels(from, to) };
}

const factCount = async () => Number((await synced.database.query<{ n: string }>("select count(*) as n from directory_facts"))[0]!.n);

describe("pruning syncs past the retention period", () => {
  it("keeps every remaining sync's directory and the changes between remaining syncs exactly", async () => {
    const runs: SyncRecord[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) expect(sim.churn(0.05, i).length).toBeGreaterThan(0);
      runs.push(await synced.sync());
    }
    const kept = runs.slice(2);
    const pairs = kept.flatMap((a, i) => kept.slice(i + 1).map((b) => [a, b] as const));

    const directoriesBefore = await Promise.all(kept.map((s) => directoryOfSync(synced.database, s)));
    const changesBefore = [];
    for (const [a, b] of pairs) changesBefore.push(await changesBetween(a, b));
    // The churn made changes between every kept pair, so the comparison below has something to lose.
    for (const c of changesBefore) expect(c.changes.length).toBeGreaterThan(0);
    const factsBefore = await factCount();

    // `now` such that the cutoff is the third sync's start: the first two are older than 400 days.
    const now = new Date(kept[0]!.startedAt.getTime() + 400 * 86_400_000);
    const result = await pruneSyncs(synced.database, { retentionDays: 400, now });
    expect(result.syncsDeleted).toBe(2);
    // Versions that ended at the second or third sync were true only in pruned syncs: they go.
    expect(result.factsDeleted).toBeGreaterThan(0);
    expect(await factCount()).toBe(factsBefore - result.factsDeleted);

    const repo = syncRepository(synced.database);
    const remaining = (await repo.list(100)).map((s) => s.id);
    expect(remaining.sort()).toEqual(kept.map((s) => s.id).sort());
    for (const [i, s] of kept.entries()) expect(await directoryOfSync(synced.database, s)).toEqual(directoriesBefore[i]);
    for (const [i, [a, b]] of pairs.entries()) {
      const after = await changesBetween(a, b);
      expect(after.changes).toEqual(changesBefore[i]!.changes);
      expect(after.counts.sort(byKindAndOrg)).toEqual(changesBefore[i]!.counts.sort(byKindAndOrg));
      expect(after.labels).toEqual(changesBefore[i]!.labels);
    }

    // Pruning again with the same `now` finds nothing more to delete.
    expect(await pruneSyncs(synced.database, { retentionDays: 400, now })).toEqual({ syncsDeleted: 0, factsDeleted: 0 });
  });

  it("always keeps the newest complete sync, however old", async () => {
    const newest = (await syncRepository(synced.database).newestComplete())!;
    const before = await directoryOfSync(synced.database, newest);
    const result = await pruneSyncs(synced.database, { retentionDays: 1, now: new Date(Date.now() + 10 * 365 * 86_400_000) });
    expect(result.syncsDeleted).toBe(2);
    expect((await syncRepository(synced.database).newestComplete())!.id).toBe(newest.id);
    expect(await directoryOfSync(synced.database, newest)).toEqual(before);
  });
});

const byKindAndOrg = (x: { kind: string; organization_uuid: string | null }, y: { kind: string; organization_uuid: string | null }) =>
  `${x.kind}\u0000${x.organization_uuid ?? ""}`.localeCompare(`${y.kind}\u0000${y.organization_uuid ?? ""}`);
