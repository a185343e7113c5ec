import { z } from "zod";
import { countsSchema } from "@/lib/shared/counts-schema";
import { csvSourceInputSchema } from "@/lib/shared/seed-lists/schema";

/*
 * Group reconciliation's shapes, once: the requests the page sends and the results it shows.
 * Isomorphic: the routes validate with these and the page parses the answers with them.
 */

export const RECONCILIATION_STATUSES = ["in_both", "unexpected", "missing"] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

export const reconciliationRowSchema = z.object({
  status: z.enum(RECONCILIATION_STATUSES),
  /** Null for an expected entry that matches no directory user. */
  user_id: z.string().nullable(),
  email: z.string(),
  full_name: z.string(),
  /** The expected entry as given (absent for unexpected members: nothing named them). */
  input: z.string().optional(),
  /** False for an expected entry that matches no directory user. */
  in_directory: z.boolean(),
});
export type ReconciliationRow = z.infer<typeof reconciliationRowSchema>;

export const skippedEntrySchema = z.object({
  index: z.number().int(),
  input: z.string(),
  reason: z.enum(["not_an_email_or_id", "same_entry", "same_person"]),
  duplicate_of: z.number().int().optional(),
});
export type SkippedEntry = z.infer<typeof skippedEntrySchema>;

/** `missing_not_in_directory`: of `missing`, the entries that match no directory user at all. */
export const reconciliationCountsSchema = countsSchema(
  ["members", "expected_entries", "in_both", "unexpected", "missing", "missing_not_in_directory", "not_understood", "duplicate", "blank"],
  z.number().int(),
);
export type ReconciliationCounts = z.infer<typeof reconciliationCountsSchema>;

export const groupReconciliationSchema = z.object({
  group: z.object({ id: z.string(), name: z.string() }),
  counts: reconciliationCountsSchema,
  in_both: z.array(reconciliationRowSchema),
  unexpected: z.array(reconciliationRowSchema),
  missing: z.array(reconciliationRowSchema),
  /** Entries that were not an email or id, and repeats: listed, never silently dropped. */
  skipped: z.array(skippedEntrySchema),
});
export type GroupReconciliation = z.infer<typeof groupReconciliationSchema>;

export const MAX_EXPECTED_ENTRIES = 50_000;

export const expectedInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("paste"), text: z.string() }),
  csvSourceInputSchema,
]);
export type ExpectedInput = z.infer<typeof expectedInputSchema>;

/**
 * Asks for a file instead of the JSON: the reconciliation is run again on the server from the same
 * input and the file built from it there, audited before the first byte (issue 10 item 2). `list`:
 * one of the three lists, or "all" (the combined file); `group_id` (bulk only): one group's lists.
 */
export const reconciliationDownloadSchema = z
  .object({
    list: z.enum(["in_both", "unexpected", "missing", "all"]),
    group_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "not a group id").optional(),
  })
  .strict();
export type ReconciliationDownload = z.infer<typeof reconciliationDownloadSchema>;

export const reconcileRequestSchema = z.object({
  group_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "not a group id"),
  expected: expectedInputSchema,
  fresh: z.boolean().optional(),
  download: reconciliationDownloadSchema.optional(),
});
export type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

export const reconcileResponseSchema = z.object({
  directory_built_at: z.string(),
  /** The sync the directory came from (absent while the first sync runs). */
  sync_id: z.string().optional(),
  /** What the expected list was read from: "pasted (120)", "hr.csv, column Email (4,000 rows)". */
  expected_from: z.string(),
  result: groupReconciliationSchema,
});
export type ReconcileResponse = z.infer<typeof reconcileResponseSchema>;

export const bulkRequestSchema = z.object({
  /** The `group_name_or_id,email` file, or the same text pasted. */
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("paste"), text: z.string() }),
    z.object({ kind: z.literal("csv"), filename: z.string().max(255), content_base64: z.string() }),
  ]),
  /** Reconcile groups the file never names as expected-empty (every member unexpected). */
  include_unlisted: z.boolean().optional(),
  fresh: z.boolean().optional(),
  download: reconciliationDownloadSchema.optional(),
});
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const unknownGroupSchema = z.object({
  /** The name or id as the file gives it. */
  name: z.string(),
  /** Where it appears: 1-based record numbers in the file, the header counted (blank lines are not). */
  row_numbers: z.array(z.number().int()),
  /** The entries those records carry, in the same order. */
  entries: z.array(z.string()),
  /** Several groups carry this name: the file must use the id. */
  ambiguous_ids: z.array(z.string()).optional(),
});
export type UnknownGroup = z.infer<typeof unknownGroupSchema>;

export const bulkResponseSchema = z.object({
  directory_built_at: z.string(),
  sync_id: z.string().optional(),
  expected_from: z.string(),
  rows: z.number().int(),
  /** The file had a header row (not counted in `rows`). */
  header: z.boolean(),
  results: z.array(groupReconciliationSchema),
  unknown_groups: z.array(unknownGroupSchema),
  /** Record numbers (as in `unknown_groups`) with an entry but no group. */
  rows_without_group: z.array(z.number().int()),
  /** Groups the file never names (reconciled only with include_unlisted). */
  unlisted_groups: z.array(z.object({ id: z.string(), name: z.string(), members: z.number().int() })),
});
export type BulkResponse = z.infer<typeof bulkResponseSchema>;
