import "server-only";
import { store } from "@/lib/store/instance";
import { DbSavedViewStore } from "./db-store";

/* The process-wide store of saved table views, in the process's database. */

const holder = globalThis as typeof globalThis & { __complianceSavedViewStore?: DbSavedViewStore };

export function savedViewStore(): DbSavedViewStore {
  holder.__complianceSavedViewStore ??= new DbSavedViewStore(store);
  return holder.__complianceSavedViewStore;
}
