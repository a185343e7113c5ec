import "server-only";
import { storeAfterImport } from "@/lib/server/store/once-per-database";
import { processWide } from "@/lib/server/process-wide";
import { DbSeedListStore } from "./db-store";
import { importSeedListFiles } from "./legacy-import";
import type { SeedListStore } from "./store";

/*
 * The process-wide seed list store: saved lists in the process's database, shared by every
 * instance. Before its first use, lists saved as files by an earlier version are imported (once).
 */

const seedListDatabase = storeAfterImport("seed-list-files", importSeedListFiles);

export function seedListStore(): SeedListStore {
  return processWide<SeedListStore>("seed-list-store", () => new DbSeedListStore(seedListDatabase));
}
