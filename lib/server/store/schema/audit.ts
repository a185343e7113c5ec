import { bigint, index, jsonb, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The audit log, append-only and hash-chained: each entry's `hash` is SHA-256 over the previous
 * entry's hash and its own canonical content (lib/server/audit/chain.ts), so an entry changed, removed or
 * inserted by hand breaks the chain at that point. `seq` is the order of appends (and of the chain);
 * `audit_chain_head` holds the last link, so removing the newest entries is noticed too. Appends
 * take the head row's lock inside their transaction: one chain, however many instances append.
 */

export const auditEntries = pgTable(
  "audit_entries",
  {
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().primaryKey(),
    id: text("id").notNull().unique(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull(),
    rows: bigint("rows", { mode: "number" }),
    bytes: bigint("bytes", { mode: "number" }),
    sha256: text("sha256"),
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    /** The sync a download's data came from. */
    syncId: text("sync_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_entries_at").on(t.at), index("audit_entries_actor").on(t.actor), index("audit_entries_action").on(t.action)],
);

/** One row (id 1): the newest link of the chain and how many entries it holds. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: smallint("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  entries: bigint("entries", { mode: "number" }).notNull(),
});

/** Files under DATA_DIR imported once (the JSONL audit log, the seed-list folders), by content digest. */
export const legacyImports = pgTable("legacy_imports", {
  key: text("key").primaryKey(),
  importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  detail: text("detail").notNull(),
});
