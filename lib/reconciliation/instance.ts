import "server-only";
import { store } from "@/lib/store/instance";
import { DbReconciliationStore } from "./db-store";

/* The process-wide store of saved reconciliations, in the process's database. */

const holder = globalThis as typeof globalThis & { __complianceReconciliationStore?: DbReconciliationStore };

export function reconciliationStore(): DbReconciliationStore {
  holder.__complianceReconciliationStore ??= new DbReconciliationStore(store);
  return holder.__complianceReconciliationStore;
}
