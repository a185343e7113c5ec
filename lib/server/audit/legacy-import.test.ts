import { existsSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { throwawayDatabase, throwawayDirEach } from "@/lib/tools/testing/throwaway-stores";
import { DbAuditStore } from "./db-store";
import { JsonlAuditStore } from "./jsonl-store";
import { importJsonlAuditLog } from "./legacy-import";
import { verifyAuditChain } from "./verify";

/* The JSON Lines audit log of an earlier version comes into the database once, whole and in order. */

// One database for the file (opening one is slow); each test gets a fresh data directory to import from.
const db = throwawayDatabase("import-db-", ["truncate legacy_imports, audit_entries, audit_chain_head"]);
const tmp = throwawayDirEach("import-");

async function writeLegacy(n: number) {
  const legacy = JsonlAuditStore.inDataDir(tmp.path);
  const written = [];
  for (let i = 0; i < n; i++) written.push(await legacy.append({ actor: `officer${i}`, action: "export", target: "users.csv", rows: i, outcome: "completed", at: `2026-01-0${i + 1}T10:00:00Z` }));
  await legacy.close();
  return { file: legacy.file, written };
}

describe("importing the JSON Lines audit log", () => {
  it("takes every entry, oldest first in the chain, renames the file and chains new entries after them", async () => {
    const { file, written } = await writeLegacy(3);
    await appendFile(file, '{"id":"torn","at":"2026'); // a crash's torn line is skipped, as the old store did
    expect(await importJsonlAuditLog(db.database, tmp.path)).toEqual({ imported: 3 });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(file + ".imported")).toBe(true);

    const audit = new DbAuditStore(async () => db.database);
    const later = await audit.append({ actor: "ann", action: "login", target: "session", outcome: "ok" });
    const listed = (await audit.list()).entries;
    expect(listed.map((e) => e.id)).toEqual([later.id, ...written.map((e) => e.id).reverse()]);
    expect(listed[3]).toEqual({ ...written[0], at: "2026-01-01T10:00:00.000Z" });
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: true, entries: 4 });
  });

  it("imports nothing twice: the same file put back, or run again after a crash before the rename", async () => {
    const { file } = await writeLegacy(2);
    const { copyFile } = await import("node:fs/promises");
    await copyFile(file, file + ".copy");
    await importJsonlAuditLog(db.database, tmp.path);
    await copyFile(file + ".copy", file);
    expect(await importJsonlAuditLog(db.database, tmp.path)).toEqual({ imported: 0 });
    expect((await db.database.query("select count(*)::int as n from audit_entries"))[0]).toEqual({ n: 2 });
    expect(await db.database.query("select key from legacy_imports")).toHaveLength(1);
  });

  it("does nothing when there is no old log", async () => {
    expect(await importJsonlAuditLog(db.database, tmp.path)).toBeNull();
  });
});
