import "server-only";
import { createHash } from "node:crypto";
import { rename, stat } from "node:fs/promises";
import type { Database } from "@/lib/server/store/database";
import { insertSeedList } from "./db-store";
import { FileSeedListStore } from "./file-store";
import type { Resolution, ResolutionRef } from "@/lib/shared/seed-lists/schema";
import type { StoredSeedList } from "./store";

/*
 * Earlier versions kept saved seed lists as files under DATA_DIR/seed-lists. The first time the
 * database is used, every readable list is copied in (its input and every kept resolution, with
 * their numbers) in one transaction. Ids make it idempotent: a list already there is left alone,
 * so a crash before the rename, or a second instance, copies nothing twice. A marker row records
 * the import; the folder is then renamed `seed-lists.imported` and left in place.
 */

export async function importSeedListFiles(database: Database, dataDir: string): Promise<{ imported: number } | null> {
  const legacy = FileSeedListStore.inDataDir(dataDir);
  try {
    if (!(await stat(legacy.root)).isDirectory()) return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const lists: { stored: StoredSeedList; resolutions: { number: number; ref: ResolutionRef; resolution: Resolution }[] }[] = [];
  for (const meta of await legacy.list()) {
    const stored = await legacy.get(meta.id);
    if (!stored) continue;
    const resolutions: { number: number; ref: ResolutionRef; resolution: Resolution }[] = [];
    for (const ref of stored.history) {
      const resolution = await legacy.resolution(meta.id, ref.number);
      if (resolution) resolutions.push({ number: ref.number, ref, resolution });
    }
    if (resolutions.length > 0) lists.push({ stored, resolutions });
  }
  const ids = lists.map((l) => l.stored.meta.id).sort();
  const imported = await database.transaction(async (q) => {
    let n = 0;
    for (const { stored, resolutions } of lists) {
      const m = stored.meta;
      const row = { id: m.id, name: m.name, created_by: m.created_by, created_at: m.created_at, input_summary: m.input_summary, sources: stored.sources };
      if (await insertSeedList(q, row, resolutions)) n++;
    }
    await q("insert into legacy_imports (key, detail) values ($1, $2) on conflict (key) do nothing", [
      `seed-lists:${createHash("sha256").update(ids.join("\n")).digest("hex")}`,
      `${n} of ${ids.length} seed lists from ${legacy.root}`,
    ]);
    return n;
  });
  try {
    await rename(legacy.root, `${legacy.root}.imported`);
  } catch (err) {
    console.error(`seed lists: imported ${legacy.root} but could not rename it (ids keep lists from being imported twice):`, err instanceof Error ? err.message : err);
  }
  if (imported > 0) console.log(`seed lists: imported ${imported} saved lists from ${legacy.root} into the database`);
  return { imported };
}
