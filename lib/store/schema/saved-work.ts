import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/*
 * Work an officer keeps (issue 12, item 4): saved reconciliations with every run, and saved table
 * views. Inputs and results are JSON text, as seed lists keep theirs: entries come back exactly as
 * they were pasted.
 */

export const reconciliations = pgTable(
  "reconciliations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    groupId: text("group_id").notNull(),
    /** The group's name when saved (the group may be renamed or removed later). */
    groupName: text("group_name").notNull(),
    /** "pasted (120 entries)", "hr.csv, column Email (4,000 rows)". */
    expectedFrom: text("expected_from").notNull(),
    /** JSON: string[], the expected entries as read, kept so a re-run reads the same list. */
    entries: text("entries").notNull(),
  },
  (t) => [index("reconciliations_created").on(t.createdAt)],
);

export const reconciliationRuns = pgTable(
  "reconciliation_runs",
  {
    reconciliationId: text("reconciliation_id")
      .notNull()
      .references(() => reconciliations.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** The sync the run read (its id, as the audit entry quotes it). */
    syncId: text("sync_id").notNull(),
    directoryBuiltAt: text("directory_built_at").notNull(),
    ranBy: text("ran_by").notNull(),
    ranAt: text("ran_at").notNull(),
    /** JSON: ReconciliationCounts (what the run list shows without reading the result). */
    counts: text("counts").notNull(),
    /** JSON: GroupReconciliation. */
    result: text("result").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reconciliationId, t.number] })],
);

export const savedViews = pgTable(
  "saved_views",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** An app-internal page path, "/people". */
    path: text("path").notNull(),
    /** The page's query string without "?", "q=ada&role=owner". */
    query: text("query").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("saved_views_path").on(t.path, t.createdAt)],
);
