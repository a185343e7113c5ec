import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { acquireEmbeddedLock, type EmbeddedLock } from "./embedded-lock";
import { StoreUnavailableError, asStoreError } from "./errors";
import { migrateEmbedded, migrateServer } from "./migrate";

/*
 * One PostgreSQL, two ways to run it: embedded (PGlite, PostgreSQL compiled to WebAssembly, in a
 * folder under DATA_DIR) for one instance, or a real server through DATABASE_URL for several. Both
 * speak the same SQL, so one schema, one set of migrations and one set of repositories serve both.
 */

export interface Database {
  kind: "embedded" | "server";
  /** Runs raw SQL text with positional parameters ($1, $2...); rows as plain objects. */
  query: Query;
  /** Runs `fn` in one transaction on one connection: all of it commits, or none of it. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string;
  /** Pool size for a server database. */
  maxConnections?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.databaseUrl ? await openServer(opts.databaseUrl, opts.maxConnections ?? 10) : await openEmbedded(opts.dataDir);
  return withStoreErrors(database);
}

/** Every failure that means the database is unavailable surfaces as StoreUnavailableError (a 503). */
function withStoreErrors(d: Database): Database {
  const rethrow = (err: unknown): never => {
    throw asStoreError(err);
  };
  return {
    ...d,
    query: <T,>(text: string, params?: unknown[]) => d.query<T>(text, params).catch(rethrow),
    transaction: (fn) => d.transaction(fn).catch(rethrow),
  };
}

/** Brings the schema up to date; a failure closes what was opened before it is reported. */
async function migrateOrClose(migrate: () => Promise<void>, close: () => Promise<void>): Promise<void> {
  try {
    await migrate();
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

/**
 * The embedded database's page cache, inside this process's memory. PostgreSQL's default (128 MB)
 * filled during the first sync of 200,000 memberships and stayed: the app's memory after it was
 * about 80 MB higher than with 32 MB, and reading that sync's directory back took the same time
 * (1.4 to 1.5 s either way), since the operating system caches the database's files as well.
 */
export const EMBEDDED_SHARED_BUFFERS = "32MB";

async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir, "db");
  mkdirSync(dir, { recursive: true });
  // PGlite does not guard its folder: two processes writing one data directory corrupt it.
  const lock: EmbeddedLock = acquireEmbeddedLock(path.resolve(dataDir, "db.lock"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] });
    await migrateOrClose(() => migrateEmbedded(client), () => client.close());
    return {
      kind: "embedded",
      async query<T>(text: string, params: unknown[] = []) {
        const r = await client.query<T>(text, params);
        return r.rows;
      },
      transaction<T>(fn: (query: Query) => Promise<T>): Promise<T> {
        return client.transaction((tx) =>
          fn(async <R,>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows),
        );
      },
      async close() {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function openServer(url: string, max: number): Promise<Database> {
  const { Pool } = await import("pg");
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StoreUnavailableError(`Cannot connect to the database at DATABASE_URL: ${(err as Error).message}`, err);
  }
  await migrateOrClose(() => migrateServer(pool), () => pool.end());
  return {
    kind: "server",
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    async transaction<T>(fn: (query: Query) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("begin");
        const result = await fn(async <R,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[]);
        await client.query("commit");
        return result;
      } catch (err) {
        // A connection that cannot even roll back (the server went away) is destroyed, not pooled.
        await client.query("rollback").catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
