import "server-only";
import { config } from "@/lib/config";
import type { Database } from "@/lib/store/database";
import { store } from "@/lib/store/instance";
import { oncePerDatabase } from "@/lib/store/once-per-database";
import { DbAuditStore } from "./db-store";
import { importJsonlAuditLog } from "./legacy-import";
import type { AuditStore } from "./store";

/*
 * The process-wide audit store: the log in the process's database (lib/store/instance.ts), kept
 * on globalThis so route bundles and dev reloads share one. The database is asked for on every
 * call, so an outage is a StoreUnavailableError (503) for that call and the next one reconnects.
 * Before its first use, a JSON Lines log left by an earlier version is imported (once).
 */

const holder = globalThis as typeof globalThis & { __complianceAuditStore?: AuditStore };

async function auditDatabase(): Promise<Database> {
  const database = await store();
  await oncePerDatabase(database, "audit-jsonl", (d) => importJsonlAuditLog(d, config().dataDir));
  return database;
}

export function auditStore(): AuditStore {
  holder.__complianceAuditStore ??= new DbAuditStore(auditDatabase);
  return holder.__complianceAuditStore;
}
