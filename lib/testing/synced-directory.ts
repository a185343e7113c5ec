import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { upstreamDirectorySource } from "@/lib/directory/upstream-source";
import type { Directory } from "@/lib/directory/types";
import { openDatabase, type Database } from "@/lib/store/database";
import { syncRepository, type SyncRecord } from "@/lib/store/syncs";
import { directoryOfSync } from "@/lib/sync/directory-from-sync";
import { runSync } from "@/lib/sync/run-sync";
import type { UpstreamClient } from "@/lib/upstream/client";

/*
 * Test harness: a throwaway embedded database that syncs from a simulator through the given client,
 * and the directory read back from it, as the product's routes would see it.
 */

export interface SyncedStore {
  database: Database;
  sync(): Promise<SyncRecord>;
  /** Syncs once if nothing is synced yet, then answers the newest sync's directory. */
  load(): Promise<Directory>;
  close(): Promise<void>;
}

export async function openSyncedStore(client: UpstreamClient): Promise<SyncedStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "synced-store-"));
  const database = await openDatabase({ dataDir });
  const repo = syncRepository(database);
  const sync = async () => {
    const started = await repo.start({ trigger: "request", holder: "test" });
    if (!started.started) throw new Error("a sync is already running");
    const done = await runSync({ source: upstreamDirectorySource(client), repo, sync: started.sync, holder: "test" });
    if (done.status !== "complete") throw new Error(`sync ${done.status}: ${done.error?.message}`);
    return done;
  };
  return {
    database,
    sync,
    async load() {
      const newest = (await repo.newestComplete()) ?? (await sync());
      return directoryOfSync(database, newest);
    },
    async close() {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
