import "server-only";
import { store } from "@/lib/server/store/instance";
import { processWide } from "@/lib/server/process-wide";
import { DbReconciliationStore } from "./db-store";

/* The process-wide store of saved reconciliations, in the process's database. */

export function reconciliationStore(): DbReconciliationStore {
  return processWide("reconciliation-store", () => new DbReconciliationStore(store));
}
