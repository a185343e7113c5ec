import "server-only";
import { personDetail } from "@/lib/server/directory/person-detail";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { store } from "@/lib/server/store/instance";
import { directoryOfFactLists } from "@/lib/server/sync/directory-from-sync";
import { newestSync } from "@/lib/server/sync/directory-service";
import { personFactLists } from "@/lib/server/sync/person-from-store";
import type { Directory } from "@/lib/shared/directory/types";
import type { PersonDetail } from "@/lib/shared/directory/wire";
import { firstScreen } from "./first-screen";

/** One person's detail from a sync's directory (permissions as that sync read them); undefined when nobody lists the id. */
export async function personDetailIn(directory: Directory, userId: string): Promise<PersonDetail | undefined> {
  const person = directory.peopleById.get(userId);
  if (!person) return undefined;
  return personDetail(directory, person, async (org, role) => directory.permissionsByRole?.get(`${org}/${role}`) ?? []);
}

/**
 * The newest sync's detail of one person: from the directory in memory, or, while that is still
 * being read (a restart, a sync just completed), from this person's own facts in the store, joined
 * alike (person-from-store.ts). After a restart at 200,000 memberships the page no longer waits
 * for the whole directory to be read and joined.
 */
async function newestPersonDetail(userId: string, signal: AbortSignal): Promise<PersonDetail | undefined> {
  const newest = await newestSync();
  if (newest && !newest.directory) {
    const lists = await personFactLists(await store(), newest.sync, userId);
    return personDetailIn(await directoryOfFactLists(lists, newest.sync), userId);
  }
  return personDetailIn(newest?.directory ?? (await loadDirectory({ signal })), userId);
}

/**
 * The person page's first screen (lib/server/first-screen): the detail from the newest sync, rendered with
 * the page. Only for the newest sync: a page `as_of` an earlier one loads in the browser as before.
 */
export async function personFirstScreen(userId: string, params: URLSearchParams): Promise<PersonDetail | null> {
  if (params.has("as_of")) return null;
  return firstScreen(async (signal) => (await newestPersonDetail(userId, signal)) ?? null);
}
