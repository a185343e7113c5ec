import { z } from "zod";
import { savedWorkFields } from "@/lib/shared/saved-work-schema";
import { expectedInputSchema, groupReconciliationSchema, reconcileRequestSchema, reconciliationCountsSchema, reconciliationRowSchema } from "./schema";

/*
 * Saved reconciliations (issue 12, item 4): a named group and expected list, kept with every run
 * (the sync it read, who ran it, when, the result). Isomorphic: the routes validate with these and
 * the pages parse the answers with them.
 */

export const RECONCILIATION_ID_RE = /^rc_[A-Za-z0-9_-]{8,64}$/;
export const MAX_RECONCILIATION_NAME = 200;

export const saveReconciliationRequestSchema = z.object({
  group_id: reconcileRequestSchema.shape.group_id,
  expected: expectedInputSchema,
  name: z.string().trim().min(1, "Give the reconciliation a name.").max(MAX_RECONCILIATION_NAME, `A name holds at most ${MAX_RECONCILIATION_NAME} characters.`),
});
export type SaveReconciliationRequest = z.infer<typeof saveReconciliationRequestSchema>;

export const reconciliationRunRefSchema = z.object({
  number: z.number().int().positive(),
  sync_id: z.string(),
  directory_built_at: z.string(),
  ran_by: z.string(),
  ran_at: z.string(),
  counts: reconciliationCountsSchema,
});
export type ReconciliationRunRef = z.infer<typeof reconciliationRunRefSchema>;

export const savedReconciliationMetaSchema = z.object({
  ...savedWorkFields(RECONCILIATION_ID_RE),
  group: z.object({ id: z.string(), name: z.string() }),
  expected_from: z.string(),
  runs: z.number().int(),
  latest: reconciliationRunRefSchema,
});
export type SavedReconciliationMeta = z.infer<typeof savedReconciliationMetaSchema>;

export const savedReconciliationSchema = z.object({
  meta: savedReconciliationMetaSchema,
  history: z.array(reconciliationRunRefSchema),
});
export type SavedReconciliation = z.infer<typeof savedReconciliationSchema>;

export const reconciliationRunSchema = reconciliationRunRefSchema.extend({ result: groupReconciliationSchema });
export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;

export const savedReconciliationListSchema = z.object({ reconciliations: z.array(savedReconciliationMetaSchema) });

export const runComparisonSchema = z.object({
  earlier: reconciliationRunRefSchema,
  later: reconciliationRunRefSchema,
  newly_missing: z.array(reconciliationRowSchema),
  no_longer_missing: z.array(reconciliationRowSchema),
  newly_unexpected: z.array(reconciliationRowSchema),
  no_longer_unexpected: z.array(reconciliationRowSchema),
});
export type RunComparison = z.infer<typeof runComparisonSchema>;

export const savedReconciliationDetailSchema = savedReconciliationSchema.extend({ shown: z.number().int(), run: reconciliationRunSchema });
export type SavedReconciliationDetail = z.infer<typeof savedReconciliationDetailSchema>;

export const runComparisonResponseSchema = runComparisonSchema.extend({ meta: savedReconciliationMetaSchema });
