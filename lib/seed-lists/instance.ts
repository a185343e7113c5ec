import "server-only";
import { config } from "@/lib/config";
import { FileSeedListStore } from "./file-store";
import type { SeedListStore } from "./store";

/* The process-wide seed list store, on globalThis so dev reloads keep one set of write locks. */

const holder = globalThis as typeof globalThis & { __complianceSeedListStore?: SeedListStore };

export function seedListStore(): SeedListStore {
  holder.__complianceSeedListStore ??= FileSeedListStore.inDataDir(config().dataDir);
  return holder.__complianceSeedListStore;
}
