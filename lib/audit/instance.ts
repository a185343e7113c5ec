import "server-only";
import { config } from "@/lib/config";
import { JsonlAuditStore } from "./jsonl-store";
import type { AuditStore } from "./store";

/*
 * The process-wide audit store, kept on globalThis so hot reload in development does not open a
 * second handle on the same file. A shared store for several instances would be chosen here.
 */

const holder = globalThis as typeof globalThis & { __complianceAuditStore?: AuditStore };

export function auditStore(): AuditStore {
  holder.__complianceAuditStore ??= JsonlAuditStore.inDataDir(config().dataDir);
  return holder.__complianceAuditStore;
}
