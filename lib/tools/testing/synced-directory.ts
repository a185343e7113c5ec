import { afterAll, beforeAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { upstreamDirectorySource } from "@/lib/server/directory/upstream-source";
import type { Directory } from "@/lib/shared/directory/types";
import { openDatabase, type Database } from "@/lib/server/store/database";
import { syncRepository, type SyncRecord } from "@/lib/server/store/syncs";
import { directoryOfSync } from "@/lib/server/sync/directory-from-sync";
import { runSync } from "@/lib/server/sync/run-sync";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "@/lib/tools/simulator/server";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient } from "@/lib/server/upstream/client";

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

export interface SimulatedSyncedStore extends SyncedStore {
  sim: SimulatorHandle;
}

/**
 * A simulator, reached over HTTP through a real upstream client and limiter (short retry waits),
 * and a synced store on it; closing it stops all three.
 */
export async function openSimulatedSyncedStore(simulator: Omit<SimulatorOptions, "port">): Promise<SimulatedSyncedStore> {
  const sim = await startSimulator({ port: 0, ratePerMinute: 6000, ...simulator });
  const limiter = new LocalLimiter({ rps: 40 });
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter, timeoutMs: 10_000, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
  const synced = await openSyncedStore(client);
  return {
    ...synced,
    sim,
    async close() {
      await synced.close();
      await limiter.stop();
      await sim.close();
    },
  };
}

export interface SimulatedDirectorySuite {
  /** The simulator, the synced store and its newest directory, once the suite's beforeAll has run. */
  ready(): { sim: SimulatorHandle; synced: SimulatedSyncedStore; directory: Directory };
}

/** A suite over a simulated, synced directory: opened before its tests, closed after them. */
export function simulatedDirectorySuite(simulator: Omit<SimulatorOptions, "port">): SimulatedDirectorySuite {
  let state: ReturnType<SimulatedDirectorySuite["ready"]> | undefined;
  let synced: SimulatedSyncedStore | undefined;
  beforeAll(async () => {
    synced = await openSimulatedSyncedStore(simulator);
    state = { sim: synced.sim, synced, directory: await synced.load() };
  }, 60_000);
  afterAll(() => synced?.close());
  return {
    ready() {
      if (!state) throw new Error("the simulated directory is not open yet: read it inside a test or a later beforeAll");
      return state;
    },
  };
}
