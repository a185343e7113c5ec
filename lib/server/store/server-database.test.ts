import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresMissing, startPostgresServer, type PostgresServer } from "@/lib/tools/testing/postgres-server";
import { openDatabase, type Database } from "./database";
import { isStoreUnavailable } from "./errors";
import { MIGRATIONS_FOLDER } from "./migrate";
import { syncRepository } from "./syncs";

/*
 * The store on a real PostgreSQL server (DATABASE_URL), as several instances share it: migrations
 * applied once however many open it together, one running sync however many start one, a dead
 * holder's sync failed once stale, and a pool that survives the server going away and coming back.
 */

const missing = postgresMissing();
if (missing) console.warn(`Skipping the PostgreSQL store tests: ${missing}`);

let pg: PostgresServer;
const opened: Database[] = [];

async function open(url: string): Promise<Database> {
  const d = await openDatabase({ dataDir: "unused-with-database-url", databaseUrl: url, maxConnections: 4 });
  opened.push(d);
  return d;
}

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgresServer();
});

afterAll(async () => {
  for (const d of opened) await d.close().catch(() => {});
  await pg?.close();
});

const migrationFiles = () => readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));

describe.skipIf(!!missing)("the store on a PostgreSQL server", () => {
  it("migrates once when several instances open a fresh database together", async () => {
    const url = await pg.createDatabase("migrate_together");
    const all = await Promise.all([open(url), open(url), open(url), open(url)]);
    const rows = await all[0]!.query<{ hash: string }>(`select hash from drizzle.__drizzle_migrations`);
    expect(migrationFiles().length).toBeGreaterThan(0);
    expect(rows).toHaveLength(migrationFiles().length);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    // Opening again later applies nothing new.
    const again = await open(url);
    expect(await again.query(`select 1 from drizzle.__drizzle_migrations`)).toHaveLength(migrationFiles().length);
  });

  it("admits one running sync however many instances start one at once", async () => {
    const url = await pg.createDatabase("one_sync");
    const [a, b] = await Promise.all([open(url), open(url)]);
    const starts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => syncRepository(i % 2 ? a! : b!).start({ trigger: "request", holder: `holder-${i % 2}` })),
    );
    expect(starts.filter((s) => s.started)).toHaveLength(1);
    expect(new Set(starts.map((s) => s.sync.id)).size).toBe(1);
    const all = await syncRepository(a!).list();
    expect(all.filter((s) => s.status === "running")).toHaveLength(1);
  });

  it("fails a running sync whose holder stopped renewing it, and lets the next one start", async () => {
    const url = await pg.createDatabase("stale_sync");
    const d = await open(url);
    const repo = syncRepository(d, { staleAfterMs: 1_000 });
    const first = await repo.start({ trigger: "request", holder: "dead-process" });
    expect(first.started).toBe(true);
    await repo.stage(first.sync.id, [{ kind: "organization", scope: "", key: "o1", hash: "h", content: { uuid: "o1" } }]);
    // Still fresh: a second starter joins it.
    expect((await repo.start({ trigger: "request", holder: "other" })).sync.id).toBe(first.sync.id);
    await d.query(`update syncs set heartbeat_at = now() - interval '5 seconds' where id = $1`, [first.sync.id]);
    const second = await repo.start({ trigger: "request", holder: "other" });
    expect(second.started).toBe(true);
    expect(second.sync.id).not.toBe(first.sync.id);
    const dead = await repo.get(first.sync.id);
    expect(dead).toMatchObject({ status: "failed", error: { type: "interrupted" } });
    expect(await d.query(`select 1 from sync_staging where sync_id = $1`, [first.sync.id])).toHaveLength(0);
    // The dead holder can no longer complete or renew it.
    expect(await repo.heartbeat(first.sync.id, "dead-process", {} as never, 0)).toBe(false);
    await expect(repo.complete(first.sync.id, "dead-process", 0)).rejects.toThrow(/no longer running/);
  });

  it("answers StoreUnavailableError while the server is down, and the pool recovers when it is back", async () => {
    const url = await pg.createDatabase("outage");
    const d = await open(url);
    // Every pooled connection has been used, so the outage breaks live sockets, not just new ones.
    await Promise.all(Array.from({ length: 4 }, () => d.query(`select pg_sleep(0.05)`)));
    await pg.stop();
    try {
      const err = await d.query(`select 1`).catch((e: unknown) => e);
      expect(isStoreUnavailable(err)).toBe(true);
      const txErr = await d.transaction((q) => q(`select 1`)).catch((e: unknown) => e);
      expect(isStoreUnavailable(txErr)).toBe(true);
      // Opening anew while it is down fails the same way (a start-up with the database away).
      const openErr = await openDatabase({ dataDir: "unused", databaseUrl: url }).catch((e: unknown) => e);
      expect(isStoreUnavailable(openErr)).toBe(true);
    } finally {
      await pg.start();
    }
    // The pool drops its broken connections and serves again, every one of them.
    const rows = await Promise.all(Array.from({ length: 8 }, () => d.query<{ n: number }>(`select 1 as n`)));
    expect(rows.map((r) => r[0]!.n)).toEqual(Array(8).fill(1));
    expect(await d.transaction((q) => q<{ n: number }>(`select 2 as n`))).toEqual([{ n: 2 }]);
  });

  it("keeps a transaction whole: a failure part-way leaves nothing behind", async () => {
    const url = await pg.createDatabase("atomic");
    const d = await open(url);
    await d.query(`create table t (n int primary key)`);
    await expect(
      d.transaction(async (q) => {
        await q(`insert into t values (1)`);
        await q(`insert into t values (1)`);
      }),
    ).rejects.toThrow();
    expect(await d.query(`select * from t`)).toEqual([]);
  });
});
