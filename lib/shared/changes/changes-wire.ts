import { z } from "zod";
import { syncListSchema, syncSchema } from "@/lib/shared/sync/wire";
import { changeLabelsSchema, changeSchema, CHANGE_KINDS } from "./change";

/* What the changes routes answer and the Changes page reads (isomorphic: one schema for both). */

export const countsSchema = z.partialRecord(z.enum(CHANGE_KINDS), z.number());

export const changesSummarySchema = z.object({
  from: syncSchema,
  to: syncSchema,
  total: z.number(),
  counts: countsSchema,
  organizations: z.array(z.object({ organization_uuid: z.string(), name: z.string(), counts: countsSchema })),
  labels: changeLabelsSchema,
});
export type ChangesSummary = z.infer<typeof changesSummarySchema>;

export const changesPageSchema = z.object({ from: syncSchema, to: syncSchema, changes: z.array(changeSchema), next_cursor: z.string().nullable() });
export type ChangesPageWire = z.infer<typeof changesPageSchema>;

/**
 * The Changes page's first screen, rendered on the server (lib/server/first-screen): the syncs, and for
 * the pair the URL names (or the newest two) the counts and the first changes, so the rows paint
 * with the document. The page fetches the remaining changes from `page.next_cursor`.
 */
export interface ChangesFirstScreen {
  syncs: z.infer<typeof syncListSchema>;
  pair?: { from: string; to: string; summary: ChangesSummary; page: ChangesPageWire };
}

/** Changes sent ahead with the page: a screenful and a little more (the table is virtualised). */
export const CHANGES_FIRST_ROWS = 100;

/** The pair shown when the URL names none: the newest two complete syncs (newest first in `complete`). */
export function defaultPair(complete: readonly { id: string }[], from: string, to: string): { from: string; to: string } {
  return { to: to || complete[0]?.id || "", from: from || complete[1]?.id || complete[0]?.id || "" };
}
