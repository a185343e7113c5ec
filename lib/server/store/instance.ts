import "server-only";
import { config } from "@/lib/server/config";
import { openDatabase, type Database } from "./database";
import { StoreUnavailableError, isStoreUnavailable } from "./errors";

/*
 * The process-wide database, opened (and migrated) on first use and kept on globalThis so route
 * bundles, the instrumentation hook and dev reloads share one. A failed open is not remembered: the
 * next request tries again, so the service recovers by itself when the database comes back.
 * `next build` never calls this (pages and routes are dynamic), so building needs no database.
 */

const SLOT = Symbol.for("compliance-directory.store");
type Holder = { [SLOT]?: Promise<Database> };

export function store(): Promise<Database> {
  const g = globalThis as Holder;
  if (!g[SLOT]) {
    const c = config();
    const opening = openDatabase({ dataDir: c.dataDir, databaseUrl: c.databaseUrl }).catch((err: unknown) => {
      if (g[SLOT] === opening) g[SLOT] = undefined;
      throw isStoreUnavailable(err) ? err : new StoreUnavailableError(describeOpenFailure(err), err);
    });
    g[SLOT] = opening;
  }
  return g[SLOT];
}

function describeOpenFailure(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `The database could not be opened: ${msg}`;
}

/** Closes the process's database (shutdown, tests). */
export async function closeStore(): Promise<void> {
  const g = globalThis as Holder;
  const p = g[SLOT];
  g[SLOT] = undefined;
  if (p) await (await p.catch(() => undefined))?.close();
}
