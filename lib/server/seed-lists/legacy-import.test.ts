import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { throwawayDatabase, throwawayDirEach } from "@/lib/tools/testing/throwaway-stores";
import { DbSeedListStore } from "./db-store";
import { FileSeedListStore } from "./file-store";
import { importSeedListFiles } from "./legacy-import";
import type { SourceRecord } from "@/lib/shared/seed-lists/schema";
import { ada, bob, resolverFor } from "@/lib/tools/testing/seed-lists/store-suite";

/* Seed lists saved as files by an earlier version come into the database once, with their history. */

const sources: SourceRecord[] = [{ kind: "paste", entries: ["ada@example.com", "bob@example.com"], blank_lines: 0 }];
const resolveWith = resolverFor(sources);

// One database for the file (opening one is slow); each test gets a fresh data directory to import from.
const db = throwawayDatabase("import-db-", ["truncate legacy_imports, seed_lists, seed_list_resolutions"]);
const tmp = throwawayDirEach("import-");

describe("importing saved seed-list files", () => {
  it("copies every list with its input and kept resolutions, and renames the folder", async () => {
    const files = FileSeedListStore.inDataDir(tmp.path);
    const a = await files.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith() });
    await files.addResolution(a.id, resolveWith([ada], "2026-06-01T10:00:00Z"));
    const b = await files.create({ name: "B", createdBy: "viewer", sources, resolution: resolveWith([bob], "2026-05-02T10:00:00Z") });
    const before = { a: await files.get(a.id), b: await files.get(b.id), a2: await files.resolution(a.id, 2) };

    expect(await importSeedListFiles(db.database, tmp.path)).toEqual({ imported: 2 });
    expect(existsSync(files.root)).toBe(false);
    expect(existsSync(files.root + ".imported")).toBe(true);

    const store = new DbSeedListStore(async () => db.database);
    expect(await store.get(a.id)).toEqual(before.a);
    expect(await store.get(b.id)).toEqual(before.b);
    expect(await store.resolution(a.id, 2)).toEqual(before.a2);
    expect((await store.list()).map((m) => m.name)).toEqual(["B", "A"]);
    expect(await store.addResolution(a.id, resolveWith())).toMatchObject({ number: 3 });
  });

  it("imports nothing twice when the folder is still there (a crash before the rename)", async () => {
    const files = FileSeedListStore.inDataDir(tmp.path);
    await files.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith() });
    await cp(files.root, files.root + ".copy", { recursive: true });
    await importSeedListFiles(db.database, tmp.path);
    await cp(files.root + ".copy", files.root, { recursive: true });
    expect(await importSeedListFiles(db.database, tmp.path)).toEqual({ imported: 0 });
    expect(await db.database.query("select id from seed_lists")).toHaveLength(1);
  });

  it("does nothing when no list was ever saved", async () => {
    expect(await importSeedListFiles(db.database, tmp.path)).toBeNull();
  });
});
