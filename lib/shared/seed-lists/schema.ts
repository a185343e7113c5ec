import { z } from "zod";
import { savedWorkFields } from "@/lib/shared/saved-work-schema";
import { countsSchema } from "@/lib/shared/counts-schema";
import { MAX_ENTRY_LENGTH } from "@/lib/shared/directory/entries";

/*
 * A seed list's shapes, once: what the page sends (sources as entered), what is stored (sources
 * reduced to their entries, with where they came from), and a resolution (each entry's outcome and
 * the people matched). Isomorphic: routes validate with these, the page parses answers with them.
 */

/** Entries per list, all sources together: the CSV row limit, so an upload that passes fits. */
export const MAX_SEED_ENTRIES = 50_000;
/** One entry: far beyond any email (254) or user id (128), short enough to keep bodies bounded. */
export { MAX_ENTRY_LENGTH };
export const MAX_SOURCES = 20;
export const MAX_NAME_LENGTH = 200;

const entry = z.string().max(MAX_ENTRY_LENGTH, `An entry is longer than ${MAX_ENTRY_LENGTH} characters; that is not an email or a user id.`);
const entries = z.array(entry).max(MAX_SEED_ENTRIES, `A list holds at most ${MAX_SEED_ENTRIES.toLocaleString("en-US")} entries.`);

// ---- what the page sends ----

export const pasteSourceInputSchema = z.object({ kind: z.literal("paste"), text: z.string() });
export const csvSourceInputSchema = z.object({
  kind: z.literal("csv"),
  filename: z.string().max(255),
  /** The file's bytes, base64: the server checks the encoding itself, as it would a raw upload. */
  content_base64: z.string(),
  /** Index of the column holding emails or ids. */
  column: z.number().int().min(0).max(999),
  /** First row is a header (default true). */
  header: z.boolean().optional(),
});
export const groupSourceInputSchema = z.object({ kind: z.literal("group"), group_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "not a group id") });
export const selectionSourceInputSchema = z.object({
  kind: z.literal("selection"),
  /** Where the rows were selected ("People"). */
  label: z.string().max(200).optional(),
  entries,
});

export const sourceInputSchema = z.discriminatedUnion("kind", [pasteSourceInputSchema, csvSourceInputSchema, groupSourceInputSchema, selectionSourceInputSchema]);
export type SourceInput = z.infer<typeof sourceInputSchema>;

export const resolveRequestSchema = z.object({
  sources: z.array(sourceInputSchema).min(1, "Add at least one source: pasted text, a CSV file, a group or a selection.").max(MAX_SOURCES),
  /** Rebuild the directory snapshot first (the officer's refresh). */
  fresh: z.boolean().optional(),
});
export type ResolveRequest = z.infer<typeof resolveRequestSchema>;

export const saveRequestSchema = resolveRequestSchema.extend({
  name: z.string().trim().min(1, "Give the list a name.").max(MAX_NAME_LENGTH, `A name holds at most ${MAX_NAME_LENGTH} characters.`),
});
export type SaveRequest = z.infer<typeof saveRequestSchema>;

// ---- what is kept: every source reduced to its entries ----

export const sourceRecordSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("paste"), entries, blank_lines: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal("csv"),
    filename: z.string(),
    column: z.number().int(),
    column_name: z.string(),
    rows: z.number().int().nonnegative(),
    /** Of the uploaded bytes, so the file in hand can be matched to the list. */
    sha256: z.string(),
    entries,
  }),
  z.object({ kind: z.literal("group"), group_id: z.string(), group_name: z.string(), entries }),
  z.object({ kind: z.literal("selection"), label: z.string(), entries }),
]);
export type SourceRecord = z.infer<typeof sourceRecordSchema>;

// ---- a resolution ----

export const ENTRY_STATUSES = ["matched", "unmatched", "duplicate", "blank"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const resolvedEntrySchema = z.object({
  /** Position across all sources, from 0. */
  index: z.number().int(),
  /** Index into `sources`. */
  source: z.number().int(),
  input: z.string(),
  kind: z.enum(["email", "user_id", "other", "blank"]),
  value: z.string(),
  status: z.enum(ENTRY_STATUSES),
  reason: z.enum(["not_found", "not_an_email_or_id", "same_entry", "same_person"]).optional(),
  /** The earlier entry this one repeats. */
  duplicate_of: z.number().int().optional(),
  /** The people an entry matched (an email held by two people matches both). */
  user_ids: z.array(z.string()).optional(),
});
export type ResolvedEntryWire = z.infer<typeof resolvedEntrySchema>;

export const seedPersonSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  full_name: z.string(),
  organization_uuids: z.array(z.string()),
  organization_names: z.array(z.string()),
});
export type SeedPerson = z.infer<typeof seedPersonSchema>;

/** `people`: the distinct people matched. */
export const resolutionCountsSchema = countsSchema(["entries", "blank", "matched", "unmatched", "duplicate", "people"], z.number().int());
export type ResolutionCounts = z.infer<typeof resolutionCountsSchema>;

export const resolutionSchema = z.object({
  resolved_at: z.string(),
  resolved_by: z.string(),
  /** When the directory snapshot it was resolved against was built. */
  directory_built_at: z.string(),
  counts: resolutionCountsSchema,
  entries: z.array(resolvedEntrySchema),
  /** Distinct people matched, in the order entries first matched them. */
  people: z.array(seedPersonSchema),
});
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolveResponseSchema = z.object({ sources: z.array(sourceRecordSchema), resolution: resolutionSchema });
export type ResolveResponse = z.infer<typeof resolveResponseSchema>;

// ---- a saved list ----

export const SEED_LIST_ID_RE = /^sl_[A-Za-z0-9_-]{8,64}$/;

export const seedListMetaSchema = z.object({
  ...savedWorkFields(SEED_LIST_ID_RE),
  /** How many resolutions are kept (the first and the latest always among them). */
  resolutions: z.number().int(),
  latest: z.object({ number: z.number().int(), resolved_at: z.string(), resolved_by: z.string(), counts: resolutionCountsSchema }),
  /** Short description of the input: "pasted (120), CSV hr.csv (4,000)". */
  input_summary: z.string(),
});
export type SeedListMeta = z.infer<typeof seedListMetaSchema>;

export const resolutionRefSchema = z.object({
  number: z.number().int(),
  resolved_at: z.string(),
  resolved_by: z.string(),
  directory_built_at: z.string(),
  counts: resolutionCountsSchema,
});
export type ResolutionRef = z.infer<typeof resolutionRefSchema>;

export const personChangeSchema = z.object({ before: seedPersonSchema, after: seedPersonSchema, fields: z.array(z.string()) });

export const resolutionComparisonSchema = z.object({
  earlier: z.number().int(),
  later: z.number().int(),
  /** People matched now who were not before. */
  added: z.array(seedPersonSchema),
  /** People matched before who are not now (removed from the directory, or their email changed). */
  removed: z.array(seedPersonSchema),
  /** Entries that matched before and match no one now. */
  newly_unmatched: z.array(resolvedEntrySchema),
  /** Entries that matched no one before and match now. */
  newly_matched: z.array(resolvedEntrySchema),
  /** Same user id, different email, name or organizations. */
  changed: z.array(personChangeSchema),
});
export type ResolutionComparison = z.infer<typeof resolutionComparisonSchema>;

export const seedListDetailSchema = z.object({
  meta: seedListMetaSchema,
  sources: z.array(sourceRecordSchema),
  /** Every kept resolution, oldest first. */
  history: z.array(resolutionRefSchema),
  /** The one shown (the latest unless `?resolution=` asked for another). */
  shown: z.number().int(),
  resolution: resolutionSchema,
  /** The shown resolution against the one before it (or `?against=`), when there is one. */
  comparison: resolutionComparisonSchema.nullable(),
});
export type SeedListDetail = z.infer<typeof seedListDetailSchema>;

export const seedListIndexSchema = z.object({ lists: z.array(seedListMetaSchema) });

export const SEED_DOWNLOAD_FORMATS = ["csv", "txt", "json"] as const;
export type SeedDownloadFormat = (typeof SEED_DOWNLOAD_FORMATS)[number];
