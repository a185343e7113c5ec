import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildDirectory, type DirectoryOptions } from "@/lib/tools/simulator/directory";
import { openDatabase, type Database } from "@/lib/server/store/database";
import { syncRepository } from "@/lib/server/store/syncs";
import { runSync } from "@/lib/server/sync/run-sync";
import { localDirectorySource } from "./local-source";
import { MeasurementError } from "./stats";

/*
 * Storage (issue 9): thirty syncs of the tree with `churn` of the memberships changing between each,
 * run in this process against a throwaway embedded database (the product's runSync and repository,
 * a source reading the simulator's Directory directly). Stored rows and bytes after thirty syncs
 * against after one: the store should grow with changes, not with syncs.
 */

export const DIRECTORY_TABLES = ["directory_facts", "sync_staging", "syncs"] as const;

export interface StorageSnapshot {
  syncs: number;
  factRows: number;
  currentFacts: number;
  bytes: number;
}

export interface StorageResult {
  syncs: number;
  churn: number;
  afterOne: StorageSnapshot;
  afterAll: StorageSnapshot;
  rowsRatio: number;
  bytesRatio: number;
  /** Changes the simulator made between syncs, in all. */
  changesMade: number;
  syncMs: { first: number; medianLater: number };
}

async function snapshot(db: Database, syncs: number): Promise<StorageSnapshot> {
  const [rows] = await db.query<{ all: string | number; current: string | number }>(
    `select count(*) as all, count(*) filter (where to_seq is null) as current from directory_facts`,
  );
  const [size] = await db.query<{ bytes: string | number }>(
    `select sum(pg_total_relation_size(t::regclass)) as bytes from unnest($1::text[]) as t`,
    [[...DIRECTORY_TABLES]],
  );
  return { syncs, factRows: Number(rows!.all), currentFacts: Number(rows!.current), bytes: Number(size!.bytes) };
}

export async function measureStorage(opts: {
  directory: DirectoryOptions;
  syncs: number;
  churn: number;
  log: (line: string) => void;
}): Promise<StorageResult> {
  const d = buildDirectory(opts.directory);
  const source = localDirectorySource(d);
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-storage-"));
  const db = await openDatabase({ dataDir });
  try {
    const repo = syncRepository(db);
    let afterOne: StorageSnapshot | undefined;
    let changesMade = 0;
    const times: number[] = [];
    for (let i = 1; i <= opts.syncs; i++) {
      if (i > 1) changesMade += d.churn(opts.churn, i - 1).length;
      const started = await repo.start({ trigger: "request", holder: "bench" });
      if (!started.started) throw new MeasurementError("storage: a sync was already running in a fresh database");
      const t0 = performance.now();
      const done = await runSync({ source, repo, sync: started.sync, holder: "bench" });
      times.push(performance.now() - t0);
      if (done.status !== "complete") throw new MeasurementError(`storage: sync ${i} ended ${done.status}: ${done.error?.message ?? ""}`);
      if (done.counts?.memberships !== d.totalMemberships) {
        throw new MeasurementError(`storage: sync ${i} holds ${done.counts?.memberships} memberships, the directory has ${d.totalMemberships}`);
      }
      if (i === 1) afterOne = await snapshot(db, 1);
      if (i === 1 || i % 5 === 0) opts.log(`  sync ${i}/${opts.syncs}: ${(times[i - 1]! / 1000).toFixed(1)} s`);
    }
    const afterAll = await snapshot(db, opts.syncs);
    const later = times.slice(1).sort((a, b) => a - b);
    return {
      syncs: opts.syncs,
      churn: opts.churn,
      afterOne: afterOne!,
      afterAll,
      rowsRatio: afterAll.factRows / afterOne!.factRows,
      bytesRatio: afterAll.bytes / afterOne!.bytes,
      changesMade,
      syncMs: { first: times[0]!, medianLater: later.length ? later[Math.floor(later.length / 2)]! : times[0]! },
    };
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
