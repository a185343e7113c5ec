import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/store/database";
import { compareResolutions } from "./compare";
import { DbSeedListStore } from "./db-store";
import { MAX_KEPT_RESOLUTIONS } from "./file-store";
import { resolveSeedList } from "./resolve";
import type { SourceRecord } from "./schema";
import { lookupOf, org, person } from "./testing/people";

/* Saved seed lists in an embedded database: the same behaviour as the files they replace. */

const legal = org("11111111-1111-4111-8111-111111111111", "Acme Legal");
const ada = person("user_01Ada", "ada@example.com", "Ada", [legal]);
const bob = person("user_01Bob", "bob@example.com", "Bob", [legal]);
// A NUL pasted into an entry comes back as it went in.
const sources: SourceRecord[] = [{ kind: "paste", entries: ["ada@example.com", "", "bob@example.com", "zed\u0000@example.com"], blank_lines: 1 }];
const resolveWith = (people = [ada, bob], at = "2026-05-01T10:00:00Z") =>
  resolveSeedList(sources, { lookup: lookupOf(people), directoryBuiltAt: Date.parse(at), officer: "auditor", now: new Date(at) });

let dir: string;
let database: Database;
let store: DbSeedListStore;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "seed-lists-db-"));
  database = await openDatabase({ dataDir: dir });
  store = new DbSeedListStore(async () => database);
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => database.query("delete from seed_lists"));

describe("DbSeedListStore", () => {
  it("saves a list with who made it, when and from what, and keeps it across a reopen of the database", async () => {
    const meta = await store.create({ name: "Legal hold Q2", createdBy: "auditor", sources, resolution: resolveWith() });
    expect(meta).toMatchObject({ name: "Legal hold Q2", created_by: "auditor", created_at: "2026-05-01T10:00:00.000Z", resolutions: 1, input_summary: "pasted (4)" });
    await database.close();
    database = await openDatabase({ dataDir: dir });
    expect(await store.list()).toEqual([meta]);
    const got = await store.get(meta.id);
    expect(got?.sources).toEqual(sources);
    expect((await store.resolution(meta.id, 1))?.people.map((p) => p.user_id)).toEqual(["user_01Ada", "user_01Bob"]);
  });

  it("re-resolving adds to the history, and the two resolutions compare", async () => {
    const meta = await store.create({ name: "L", createdBy: "auditor", sources, resolution: resolveWith() });
    const ref = await store.addResolution(meta.id, resolveWith([ada], "2026-06-01T10:00:00Z"));
    expect(ref).toMatchObject({ number: 2, counts: { matched: 1, unmatched: 2 } });
    const got = await store.get(meta.id);
    expect(got?.history.map((h) => h.number)).toEqual([1, 2]);
    expect(got?.meta.latest.number).toBe(2);
    expect((await store.list())[0]).toMatchObject({ resolutions: 2, latest: { number: 2 } });
    const c = compareResolutions(1, (await store.resolution(meta.id, 1))!, 2, (await store.resolution(meta.id, 2))!);
    expect(c.removed.map((p) => p.user_id)).toEqual(["user_01Bob"]);
  });

  it("numbers concurrent re-resolutions one after another, keeping the first and the latest ones", async () => {
    const meta = await store.create({ name: "L", createdBy: "auditor", sources, resolution: resolveWith() });
    const adds = MAX_KEPT_RESOLUTIONS + 2;
    const refs = await Promise.all(Array.from({ length: adds }, () => store.addResolution(meta.id, resolveWith())));
    expect(refs.map((r) => r!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: adds }, (_, i) => i + 2));
    const got = await store.get(meta.id);
    const last = adds + 1;
    expect(got?.history.map((h) => h.number)).toEqual([1, ...Array.from({ length: MAX_KEPT_RESOLUTIONS - 1 }, (_, i) => last - (MAX_KEPT_RESOLUTIONS - 2) + i)]);
    expect(await store.resolution(meta.id, 2)).toBeNull();
  });

  it("answers null for unknown or malformed ids", async () => {
    expect(await store.get("sl_doesnotexist1")).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.resolution("sl_../../x", 1)).toBeNull();
    expect(await store.addResolution("sl_doesnotexist1", resolveWith())).toBeNull();
  });

  it("lists newest first", async () => {
    await store.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-01T10:00:00Z") });
    await store.create({ name: "C", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-03T10:00:00Z") });
    await store.create({ name: "B", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-02T10:00:00Z") });
    expect((await store.list()).map((m) => m.name)).toEqual(["C", "B", "A"]);
  });
});
