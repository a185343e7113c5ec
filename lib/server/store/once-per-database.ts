import "server-only";
import { config } from "@/lib/server/config";
import type { Database } from "./database";
import { store } from "./instance";

/*
 * Work done once per opened database before its first use, e.g. importing files an earlier
 * version kept under DATA_DIR. Kept on globalThis (route bundles share it); a failed run is
 * forgotten, so the next use tries again.
 */

const SLOT = Symbol.for("compliance-directory.store-once");
type Holder = { [SLOT]?: Map<string, WeakMap<Database, Promise<unknown>>> };

export async function oncePerDatabase(database: Database, name: string, work: (database: Database) => Promise<unknown>): Promise<void> {
  const all = ((globalThis as Holder)[SLOT] ??= new Map());
  let runs = all.get(name);
  if (!runs) all.set(name, (runs = new WeakMap()));
  let done = runs.get(database);
  if (!done) {
    const mine = runs;
    done = work(database).catch((err: unknown) => {
      mine.delete(database);
      throw err;
    });
    runs.set(database, done);
  }
  await done;
}

/** The process's database, once what an earlier version kept under DATA_DIR has been imported into it. */
export function storeAfterImport(name: string, importFrom: (database: Database, dataDir: string) => Promise<unknown>): () => Promise<Database> {
  return async () => {
    const database = await store();
    await oncePerDatabase(database, name, (d) => importFrom(d, config().dataDir));
    return database;
  };
}
