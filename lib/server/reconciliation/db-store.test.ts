import { describe, expect, it } from "vitest";
import { throwawayDatabase } from "@/lib/tools/testing/throwaway-stores";
import { compareRuns } from "./compare-runs";
import { DbReconciliationStore, MAX_KEPT_RUNS, type NewRun } from "./db-store";
import { reconcileGroup } from "./diff";

/* Saved reconciliations in an embedded database: saved with a first run, re-run, compared, kept across a reopen. */

const people = [
  { id: "user_01Ada", email: "ada@example.com", fullName: "Ada" },
  { id: "user_01Bob", email: "bob@example.com", fullName: "Bob" },
  { id: "user_01Cy", email: "cy@example.com", fullName: "Cy" },
];
const lookup = {
  peopleById: new Map(people.map((p) => [p.id, p])),
  peopleByEmail: new Map(people.map((p) => [p.email, [p]])),
};
const group = { id: "grp_sales", name: "Sales" };
const entries = ["ada@example.com", "bob@example.com", "nobody\u0000@example.com"];
const runOf = (memberIds: string[], syncId: string, at = "2026-05-01T10:00:00.000Z"): NewRun => ({
  syncId,
  directoryBuiltAt: at,
  ranBy: "auditor",
  ranAt: at,
  result: reconcileGroup({ group, members: memberIds.map((id) => ({ user_id: id, email: people.find((p) => p.id === id)!.email })) }, entries, lookup),
});

const db = throwawayDatabase("recon-db-", ["delete from reconciliations"]);
const store = new DbReconciliationStore(async () => db.database);

describe("DbReconciliationStore", () => {
  it("saves the input with its first run and keeps it across a reopen of the database", async () => {
    const meta = await store.create({ name: "Sales vs HR", createdBy: "auditor", group, expectedFrom: "pasted (3 entries)", entries, run: runOf(["user_01Ada", "user_01Cy"], "sync_a") });
    expect(meta).toMatchObject({ name: "Sales vs HR", runs: 1, group, latest: { number: 1, sync_id: "sync_a", ran_by: "auditor", counts: { in_both: 1, unexpected: 1, missing: 2 } } });
    await db.reopen();
    expect(await store.list()).toEqual([meta]);
    expect((await store.entries(meta.id))?.entries).toEqual(entries);
    const run = await store.run(meta.id, 1);
    expect(run?.result.unexpected.map((r) => r.user_id)).toEqual(["user_01Cy"]);
  });

  it("a re-run is the next run, and two runs compare: newly missing and no longer unexpected", async () => {
    const meta = await store.create({ name: "S", createdBy: "auditor", group, expectedFrom: "p", entries, run: runOf(["user_01Ada", "user_01Cy"], "sync_a") });
    const ref = await store.addRun(meta.id, runOf(["user_01Bob"], "sync_b", "2026-06-01T10:00:00.000Z"));
    expect(ref).toMatchObject({ number: 2, sync_id: "sync_b" });
    const got = await store.get(meta.id);
    expect(got?.history.map((h) => [h.number, h.sync_id])).toEqual([[1, "sync_a"], [2, "sync_b"]]);
    expect((await store.list())[0]).toMatchObject({ runs: 2, latest: { number: 2 } });
    const c = compareRuns((await store.run(meta.id, 1))!, (await store.run(meta.id, 2))!);
    expect(c.newly_missing.map((r) => r.input)).toEqual(["ada@example.com"]);
    expect(c.no_longer_missing.map((r) => r.input)).toEqual(["bob@example.com"]);
    expect(c.no_longer_unexpected.map((r) => r.user_id)).toEqual(["user_01Cy"]);
    expect(c.newly_unexpected).toEqual([]);
  });

  it("numbers concurrent re-runs one after another, keeping the first and the latest ones", async () => {
    const meta = await store.create({ name: "S", createdBy: "auditor", group, expectedFrom: "p", entries, run: runOf(["user_01Ada"], "sync_a") });
    const adds = MAX_KEPT_RUNS + 2;
    const refs = await Promise.all(Array.from({ length: adds }, () => store.addRun(meta.id, runOf(["user_01Ada"], "sync_a"))));
    expect(refs.map((r) => r!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: adds }, (_, i) => i + 2));
    const got = await store.get(meta.id);
    expect(got?.history.length).toBe(MAX_KEPT_RUNS);
    expect(got?.history[0]?.number).toBe(1);
    expect(await store.run(meta.id, 2)).toBeNull();
  });

  it("answers null for unknown or malformed ids", async () => {
    expect(await store.get("rc_doesnotexist1")).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.run("rc_../x", 1)).toBeNull();
    expect(await store.addRun("rc_doesnotexist1", runOf(["user_01Ada"], "s"))).toBeNull();
  });
});
