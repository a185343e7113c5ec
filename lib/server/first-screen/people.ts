import "server-only";
import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { isPeopleQueryPrepared, preparePeopleQuery } from "@/lib/server/directory/people-query";
import { loadDirectory, peekDirectory } from "@/lib/server/directory/snapshot";
import { requirePageSession } from "@/lib/server/session/session";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";
import type { Directory } from "@/lib/shared/directory/types";
import type { PeopleFirstScreen } from "@/lib/shared/directory/people-query-wire";
import { firstScreen } from "./first-screen";
import { defaultPeopleScreen, keptPeopleScreen } from "./kept-people";

/**
 * People's first screen (lib/server/first-screen): the first window of the default view from the
 * newest sync, on record as the route's answers are (a "view" of directory/people). Only for the
 * page opened without a view in its URL: a search, filter, sort or `as_of` loads in the browser.
 * While the newest sync's directory is still being read or indexed (a restart), the screen kept for
 * that sync answers instead (kept-people.ts).
 */
export async function peopleFirstScreen(params: URLSearchParams): Promise<PeopleFirstScreen | null> {
  if (params.size > 0) return null;
  const session = await requirePageSession();
  const onRecord = async (screen: PeopleFirstScreen, syncId: string | undefined, builtAt?: number) =>
    // Refused (the audit log cannot be written): no rows in the page; its own request then meets the 503.
    (await recordViewOrRefuse({ actor: session.officer.name, target: "directory/people", syncId, version: syncId ? undefined : `built-${builtAt}` })) ? null : screen;
  return firstScreen(
    async (signal) => {
      const kept = await keptWhileNotReady(peekDirectory());
      if (kept) return onRecord(kept.screen, kept.syncId);
      const directory = await loadDirectory({ signal });
      await preparePeopleQuery(directory);
      return onRecord(defaultPeopleScreen(directory), directory.sync?.id, directory.builtAt);
    },
    { session: async () => session },
  );
}

/** The kept screen of the newest sync, while no directory is in memory with People's index ready. */
async function keptWhileNotReady(inMemory: Directory | undefined): Promise<{ screen: PeopleFirstScreen; syncId: string } | null> {
  if (inMemory && isPeopleQueryPrepared(inMemory)) return null;
  const newest = await syncRepository(await store()).newestComplete();
  if (!newest) return null;
  const screen = await keptPeopleScreen(newest);
  return screen && { screen, syncId: newest.id };
}
