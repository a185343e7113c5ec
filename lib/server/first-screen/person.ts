import "server-only";
import { personDetail } from "@/lib/server/directory/person-detail";
import { loadDirectory } from "@/lib/server/directory/snapshot";
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
 * The person page's first screen (lib/server/first-screen): the detail from the newest sync, rendered with
 * the page. Only for the newest sync: a page `as_of` an earlier one loads in the browser as before.
 */
export async function personFirstScreen(userId: string, params: URLSearchParams): Promise<PersonDetail | null> {
  if (params.has("as_of")) return null;
  return firstScreen(async (signal) => (await personDetailIn(await loadDirectory({ signal }), userId)) ?? null);
}
