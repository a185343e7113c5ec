import { text } from "drizzle-orm/pg-core";
import { savedWorkHistory, savedWorkTable } from "./columns";

/*
 * Saved seed lists: the input once (never rewritten) and each kept resolution. Sources and
 * resolutions are kept as JSON text, not jsonb: entries are whatever an officer pasted (a NUL
 * byte included), and they come back exactly as written.
 */

/** created_at is the first resolution's resolved_at. */
export const seedLists = savedWorkTable("seed_lists", {
  inputSummary: text("input_summary").notNull(),
  /** JSON: SourceRecord[]. */
  sources: text("sources").notNull(),
});

export const seedListResolutions = savedWorkHistory("seed_list_resolutions", "list_id", () => seedLists.id, {
  /** JSON: ResolutionRef (what the history shows without reading the whole resolution). */
  ref: text("ref").notNull(),
  /** JSON: Resolution. */
  resolution: text("resolution").notNull(),
});
