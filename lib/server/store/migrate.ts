import "server-only";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

/*
 * Migrations are the SQL files drizzle-kit generated from the schema (lib/server/store/migrations), applied
 * at start by Drizzle's own migrator. Several instances may start together against one server, so
 * the migrator runs while holding a PostgreSQL advisory lock on its own connection: the first
 * applies what is missing, the others wait and then find nothing left to do.
 */

/** process.cwd(): `next start`, the tests and the scripts all run from the project root. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib", "server", "store", "migrations");

/** An arbitrary constant both sides agree on ("compliance-directory migrate"). */
const MIGRATION_LOCK = 0x636f6d70;

export async function migrateEmbedded(client: PGlite): Promise<void> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
}

export async function migrateServer(pool: Pool): Promise<void> {
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
