import "server-only";
import { storeAfterImport } from "@/lib/server/store/once-per-database";
import { processWide } from "@/lib/server/process-wide";
import { DbAuditStore } from "./db-store";
import { importJsonlAuditLog } from "./legacy-import";
import type { AuditStore } from "./store";

/*
 * The process-wide audit store: the log in the process's database (lib/server/store/instance.ts), shared
 * by route bundles and dev reloads. The database is asked for on every call, so an outage is a
 * StoreUnavailableError (503) for that call and the next one reconnects. Before its first use, a
 * JSON Lines log left by an earlier version is imported (once).
 */

const auditDatabase = storeAfterImport("audit-jsonl", importJsonlAuditLog);

export function auditStore(): AuditStore {
  return processWide<AuditStore>("audit-store", () => new DbAuditStore(auditDatabase));
}
