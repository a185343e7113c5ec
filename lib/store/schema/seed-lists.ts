import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/*
 * Saved seed lists: the input once (never rewritten) and each kept resolution. Sources and
 * resolutions are kept as JSON text, not jsonb: entries are whatever an officer pasted (a NUL
 * byte included), and they come back exactly as written.
 */

export const seedLists = pgTable(
  "seed_lists",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    /** ISO 8601, as the first resolution's resolved_at. */
    createdAt: text("created_at").notNull(),
    inputSummary: text("input_summary").notNull(),
    /** JSON: SourceRecord[]. */
    sources: text("sources").notNull(),
  },
  (t) => [index("seed_lists_created").on(t.createdAt)],
);

export const seedListResolutions = pgTable(
  "seed_list_resolutions",
  {
    listId: text("list_id")
      .notNull()
      .references(() => seedLists.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** JSON: ResolutionRef (what the history shows without reading the whole resolution). */
    ref: text("ref").notNull(),
    /** JSON: Resolution. */
    resolution: text("resolution").notNull(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.number] })],
);
