import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { answerPeopleQuery } from "@/lib/server/directory/people-query";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { isKeptSyncOf, keptDirectoryDir, keptSyncOf, keptSyncSchema, writeKeptFile } from "@/lib/server/sync/directory-cache";
import type { Directory } from "@/lib/shared/directory/types";
import { PEOPLE_DEFAULT_SORT, PEOPLE_WINDOW, peopleQueryAnswerSchema, peopleQueryFromParams, peopleQueryParams, type PeopleFirstScreen } from "@/lib/shared/directory/people-query-wire";

/*
 * People's first screen for the newest sync, kept beside the directory copy (directory-cache.ts):
 * after a restart the page shows its first rows at once, while the directory is still being read
 * and indexed (seconds, at 200,000 memberships). The screen is a pure function of the sync (the
 * default view: no search or filter, by name), written once the sync's People index is ready, and
 * used only for the sync the store names as newest, whose record must read exactly as kept.
 */

const FORMAT = 1;
const FILE = "people-first-screen.json";

const keptSchema = z.object({
  format: z.literal(FORMAT),
  sync: keptSyncSchema,
  screen: z.object({ viewKey: z.string(), answer: peopleQueryAnswerSchema }),
});

/** People's default view, first window, from a directory whose People index is prepared. */
export function defaultPeopleScreen(directory: Directory): PeopleFirstScreen {
  const view = { sort: PEOPLE_DEFAULT_SORT };
  const parsed = peopleQueryFromParams(peopleQueryParams({ ...view, limit: PEOPLE_WINDOW, facets: false }));
  if (!parsed.ok) throw new Error(parsed.message);
  return { viewKey: peopleQueryParams(view).toString(), answer: answerPeopleQuery(directory, parsed.query) };
}

const fileIn = (dir: string) => path.join(dir, FILE);

/** Keeps the screen of the newest sync's directory (replacing the one of any earlier sync). */
export async function keepPeopleScreen(directory: Directory, sync: SyncRecord, dir = keptDirectoryDir()): Promise<void> {
  const kept: z.infer<typeof keptSchema> = { format: FORMAT, sync: keptSyncOf(sync), screen: defaultPeopleScreen(directory) };
  await writeKeptFile(dir, fileIn(dir), [Buffer.from(JSON.stringify(kept))]);
}

/** The kept screen of `sync`, or null when there is none, or it is another sync's, or it does not read as a screen. */
export async function keptPeopleScreen(sync: SyncRecord, dir = keptDirectoryDir()): Promise<PeopleFirstScreen | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(fileIn(dir), "utf8"));
  } catch {
    return null; // absent, or cut short
  }
  const kept = keptSchema.safeParse(json);
  return kept.success && isKeptSyncOf(kept.data.sync, sync) ? kept.data.screen : null;
}
