import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/store/database";
import { DbSeedListStore } from "./db-store";
import { FileSeedListStore } from "./file-store";
import { importSeedListFiles } from "./legacy-import";
import { resolveSeedList } from "./resolve";
import type { SourceRecord } from "./schema";
import { lookupOf, org, person } from "./testing/people";

/* Seed lists saved as files by an earlier version come into the database once, with their history. */

const legal = org("11111111-1111-4111-8111-111111111111", "Acme Legal");
const ada = person("user_01Ada", "ada@example.com", "Ada", [legal]);
const bob = person("user_01Bob", "bob@example.com", "Bob", [legal]);
const sources: SourceRecord[] = [{ kind: "paste", entries: ["ada@example.com", "bob@example.com"], blank_lines: 0 }];
const resolveWith = (people = [ada, bob], at = "2026-05-01T10:00:00Z") =>
  resolveSeedList(sources, { lookup: lookupOf(people), directoryBuiltAt: Date.parse(at), officer: "auditor", now: new Date(at) });

// One database for the file (opening one is slow); each test gets a fresh data directory to import from.
let dbDir: string;
let dir: string;
let database: Database;
beforeAll(async () => {
  dbDir = mkdtempSync(path.join(tmpdir(), "import-db-"));
  database = await openDatabase({ dataDir: dbDir });
});
afterAll(async () => {
  await database?.close();
  rmSync(dbDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "import-"));
  await database.query("truncate legacy_imports, seed_lists, seed_list_resolutions");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("importing saved seed-list files", () => {
  it("copies every list with its input and kept resolutions, and renames the folder", async () => {
    const files = FileSeedListStore.inDataDir(dir);
    const a = await files.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith() });
    await files.addResolution(a.id, resolveWith([ada], "2026-06-01T10:00:00Z"));
    const b = await files.create({ name: "B", createdBy: "viewer", sources, resolution: resolveWith([bob], "2026-05-02T10:00:00Z") });
    const before = { a: await files.get(a.id), b: await files.get(b.id), a2: await files.resolution(a.id, 2) };

    expect(await importSeedListFiles(database, dir)).toEqual({ imported: 2 });
    expect(existsSync(files.root)).toBe(false);
    expect(existsSync(files.root + ".imported")).toBe(true);

    const store = new DbSeedListStore(async () => database);
    expect(await store.get(a.id)).toEqual(before.a);
    expect(await store.get(b.id)).toEqual(before.b);
    expect(await store.resolution(a.id, 2)).toEqual(before.a2);
    expect((await store.list()).map((m) => m.name)).toEqual(["B", "A"]);
    expect(await store.addResolution(a.id, resolveWith())).toMatchObject({ number: 3 });
  });

  it("imports nothing twice when the folder is still there (a crash before the rename)", async () => {
    const files = FileSeedListStore.inDataDir(dir);
    await files.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith() });
    await cp(files.root, files.root + ".copy", { recursive: true });
    await importSeedListFiles(database, dir);
    await cp(files.root + ".copy", files.root, { recursive: true });
    expect(await importSeedListFiles(database, dir)).toEqual({ imported: 0 });
    expect(await database.query("select id from seed_lists")).toHaveLength(1);
  });

  it("does nothing when no list was ever saved", async () => {
    expect(await importSeedListFiles(database, dir)).toBeNull();
  });
});
