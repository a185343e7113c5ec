import "server-only";
import { store } from "@/lib/server/store/instance";
import { processWide } from "@/lib/server/process-wide";
import { DbSavedViewStore } from "./db-store";

/* The process-wide store of saved table views, in the process's database. */

export function savedViewStore(): DbSavedViewStore {
  return processWide("saved-view-store", () => new DbSavedViewStore(store));
}
