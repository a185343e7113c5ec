import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulatedSyncedStore, type SimulatedSyncedStore } from "@/lib/tools/testing/synced-directory";
import type { Database } from "@/lib/server/store/database";
import { changesRepository } from "@/lib/server/store/changes";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { CHANGES_FIRST_ROWS } from "@/lib/shared/changes/changes-wire";
import { keepNewestPair, keptFirstChanges, keptSummary, summarize } from "./kept-pairs";

/*
 * The Changes page's summary and first changes, kept per pair of syncs: the same answer as reading
 * the store afresh, read once per pair (counted at the database), the newest pair read by
 * keepNewestPair, a failed read not kept, and only a few pairs at a time.
 */

let synced: SimulatedSyncedStore;
let first: SyncRecord;
let second: SyncRecord;
let third: SyncRecord;

/** The same database, counting the statements it runs (kept values are per database object). */
function counted(database: Database): Database & { statements: number; failNext: boolean } {
  const d = {
    ...database,
    statements: 0,
    failNext: false,
    query: (async (text: string, params?: unknown[]) => {
      d.statements++;
      if (d.failNext) {
        d.failNext = false;
        throw new Error("the store is down");
      }
      return database.query(text, params);
    }) as Database["query"],
  };
  return d;
}

async function churn(step: number): Promise<void> {
  const res = await fetch(`${synced.sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: 0.5, step }) });
  expect(res.status, await res.text()).toBe(200);
}

beforeAll(async () => {
  synced = await openSimulatedSyncedStore({ seed: "kept-pairs", orgUserCounts: [90, 60, 40], groups: 8 });
  first = await synced.sync();
  await churn(1);
  second = await synced.sync();
  await churn(2);
  third = await synced.sync();
}, 120_000);

afterAll(async () => {
  await synced?.close();
});

describe("kept pairs", () => {
  it("answer as the store does, read once per pair", async () => {
    const db = counted(synced.database);
    const pair = { from: first, to: second };
    const repo = changesRepository(synced.database);
    const fresh = summarize(await repo.counts(first, second), await repo.labels(first, second));
    expect(fresh.total).toBeGreaterThan(CHANGES_FIRST_ROWS);
    expect(await keptSummary(db, pair)).toEqual(fresh);
    const firstChanges = await keptFirstChanges(db, pair);
    expect(firstChanges).toEqual(await repo.page({ ...pair, limit: CHANGES_FIRST_ROWS }));
    expect(firstChanges.changes).toHaveLength(CHANGES_FIRST_ROWS);
    expect(firstChanges.next).not.toBeNull();
    const reads = db.statements;
    expect(reads).toBeGreaterThan(0);
    expect(await keptSummary(db, pair)).toEqual(fresh);
    await keptFirstChanges(db, pair);
    expect(db.statements).toBe(reads);
    // The other direction is another pair, with its sides swapped.
    const back = await keptSummary(db, { from: second, to: first });
    expect(db.statements).toBeGreaterThan(reads);
    expect(back.total).toBe(fresh.total);
    expect(back.counts.member_joined ?? 0).toBe(fresh.counts.member_left ?? 0);
  });

  it("keeps the newest pair, read once a sync completes", async () => {
    const db = counted(synced.database);
    await keepNewestPair(db);
    const reads = db.statements;
    expect(reads).toBeGreaterThan(1);
    await keptSummary(db, { from: second, to: third });
    await keptFirstChanges(db, { from: second, to: third });
    expect(db.statements).toBe(reads);
    await keptSummary(db, { from: first, to: third });
    expect(db.statements).toBeGreaterThan(reads);
  });

  it("does not keep a failed read: the next request reads again", async () => {
    const db = counted(synced.database);
    db.failNext = true;
    await expect(keptSummary(db, { from: first, to: third })).rejects.toThrow("the store is down");
    const summary = await keptSummary(db, { from: first, to: third });
    expect(summary.total).toBeGreaterThan(0);
  });

  it("keeps a few pairs, the least recently used going first", async () => {
    const db = counted(synced.database);
    const syncs = [first, second, third];
    const pairs = syncs.flatMap((from) => syncs.map((to) => ({ from, to })));
    expect(pairs.length).toBeGreaterThan(8);
    for (const pair of pairs) await keptSummary(db, pair);
    const reads = db.statements;
    await keptSummary(db, pairs[pairs.length - 1]!);
    expect(db.statements).toBe(reads);
    await keptSummary(db, pairs[0]!);
    expect(db.statements).toBeGreaterThan(reads);
  });
});

describe("summarize", () => {
  it("counts per kind and per organization, organizations by name, groups in no organization", () => {
    const s = summarize(
      [
        { kind: "member_joined", organization_uuid: "org-b", count: 2 },
        { kind: "member_left", organization_uuid: "org-a", count: 1 },
        { kind: "member_joined", organization_uuid: "org-a", count: 3 },
        { kind: "group_added", organization_uuid: null, count: 4 },
        { kind: "role_added", organization_uuid: "org-c", count: 1 },
      ],
      { organizations: { "org-a": "Zeta", "org-b": "Alpha" }, groups: {}, roles: {} },
    );
    expect(s.total).toBe(11);
    expect(s.counts).toEqual({ member_joined: 5, member_left: 1, group_added: 4, role_added: 1 });
    expect(s.organizations).toEqual([
      { organization_uuid: "org-b", name: "Alpha", counts: { member_joined: 2 } },
      { organization_uuid: "org-c", name: "org-c", counts: { role_added: 1 } },
      { organization_uuid: "org-a", name: "Zeta", counts: { member_left: 1, member_joined: 3 } },
    ]);
  });
});
