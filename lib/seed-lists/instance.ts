import "server-only";
import { config } from "@/lib/config";
import type { Database } from "@/lib/store/database";
import { store } from "@/lib/store/instance";
import { oncePerDatabase } from "@/lib/store/once-per-database";
import { DbSeedListStore } from "./db-store";
import { importSeedListFiles } from "./legacy-import";
import type { SeedListStore } from "./store";

/*
 * The process-wide seed list store: saved lists in the process's database, shared by every
 * instance. Before its first use, lists saved as files by an earlier version are imported (once).
 */

const holder = globalThis as typeof globalThis & { __complianceSeedListStore?: SeedListStore };

async function seedListDatabase(): Promise<Database> {
  const database = await store();
  await oncePerDatabase(database, "seed-list-files", (d) => importSeedListFiles(d, config().dataDir));
  return database;
}

export function seedListStore(): SeedListStore {
  holder.__complianceSeedListStore ??= new DbSeedListStore(seedListDatabase);
  return holder.__complianceSeedListStore;
}
