import "server-only";
import { createHash } from "node:crypto";
import { readFile, rename, stat } from "node:fs/promises";
import type { Database } from "@/lib/server/store/database";
import { appendToChain, prepareEntry } from "./db-store";
import type { AuditEntry } from "@/lib/shared/audit/entry";
import { JsonlAuditStore } from "./jsonl-store";

/*
 * Earlier versions kept the audit log as JSON Lines under DATA_DIR (audit/audit-log.jsonl). The
 * first time the database is used it takes every readable entry of that file, in file order, into
 * the chain, in one transaction with a marker row named after the file's SHA-256: run again (a
 * crash before the rename below, a second instance), the marker stops a second copy. Then the file
 * is renamed `audit-log.jsonl.imported`, left in place for whoever wants to compare.
 */

export const IMPORTED_SUFFIX = ".imported";

export async function importJsonlAuditLog(database: Database, dataDir: string): Promise<{ imported: number } | null> {
  const legacy = JsonlAuditStore.inDataDir(dataDir);
  let bytes: Buffer;
  try {
    if (!(await stat(legacy.file)).isFile()) return null;
    bytes = await readFile(legacy.file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const digest = createHash("sha256").update(bytes).digest("hex");
  const entries: AuditEntry[] = [];
  try {
    for await (const e of legacy.scan()) entries.push(prepareEntry(e));
  } finally {
    await legacy.close();
  }
  const imported = await database.transaction(async (q) => {
    const marked = await q("insert into legacy_imports (key, detail) values ($1, $2) on conflict (key) do nothing returning key", [
      `audit-jsonl:${digest}`,
      `${entries.length} entries from ${legacy.file}`,
    ]);
    if (marked.length === 0) return 0;
    return appendToChain(q, entries, { skipExisting: true });
  });
  try {
    await rename(legacy.file, legacy.file + IMPORTED_SUFFIX);
  } catch (err) {
    console.error(`audit: imported ${legacy.file} but could not rename it (the marker keeps it from being imported twice):`, err instanceof Error ? err.message : err);
  }
  if (imported > 0) console.log(`audit: imported ${imported} entries from ${legacy.file} into the database`);
  return { imported };
}
