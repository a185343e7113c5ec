import { index, pgTable, text } from "drizzle-orm/pg-core";
import { savedWorkColumns, savedWorkHistory, savedWorkTable } from "./columns";

/*
 * Work an officer keeps (issue 12, item 4): saved reconciliations with every run, and saved table
 * views. Inputs and results are JSON text, as seed lists keep theirs: entries come back exactly as
 * they were pasted.
 */

export const reconciliations = savedWorkTable("reconciliations", {
  groupId: text("group_id").notNull(),
  /** The group's name when saved (the group may be renamed or removed later). */
  groupName: text("group_name").notNull(),
  /** "pasted (120 entries)", "hr.csv, column Email (4,000 rows)". */
  expectedFrom: text("expected_from").notNull(),
  /** JSON: string[], the expected entries as read, kept so a re-run reads the same list. */
  entries: text("entries").notNull(),
});

export const reconciliationRuns = savedWorkHistory("reconciliation_runs", "reconciliation_id", () => reconciliations.id, {
  /** The sync the run read (its id, as the audit entry quotes it). */
  syncId: text("sync_id").notNull(),
  directoryBuiltAt: text("directory_built_at").notNull(),
  ranBy: text("ran_by").notNull(),
  ranAt: text("ran_at").notNull(),
  /** JSON: ReconciliationCounts (what the run list shows without reading the result). */
  counts: text("counts").notNull(),
  /** JSON: GroupReconciliation. */
  result: text("result").notNull(),
});

export const savedViews = pgTable(
  "saved_views",
  {
    ...savedWorkColumns(),
    /** An app-internal page path, "/people". */
    path: text("path").notNull(),
    /** The page's query string without "?", "q=ada&role=owner". */
    query: text("query").notNull(),
  },
  (t) => [index("saved_views_path").on(t.path, t.createdAt)],
);
