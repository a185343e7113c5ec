import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/*
 * The directory as syncs keep it. A sync is one whole walk; the facts it read (an organization, a
 * membership, a role, one permission of a role, a group, a group's role grant, a group member, a
 * setting) are kept once each, with the sync where that exact version appeared (`from_seq`) and the
 * sync where it stopped being true (`to_seq`, null while it still is). A directory that does not
 * change costs nothing per sync, and the directory as of any complete sync S is the facts with
 * from_seq <= S < coalesce(to_seq, ∞). Only a complete sync ever writes facts: a failed walk leaves
 * its staged rows behind to be deleted, never half a directory.
 */

export const SYNC_STATUSES = ["running", "complete", "failed", "cancelled"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const syncs = pgTable(
  "syncs",
  {
    id: text("id").primaryKey(),
    /** Order of syncs (and of fact versions): assigned at start, so a failed sync leaves a gap, never a version. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull().unique(),
    status: text("status").$type<SyncStatus>().notNull(),
    trigger: text("trigger").notNull(),
    requestedBy: text("requested_by"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /** Renewed by the running sync's process; a running sync whose heartbeat is stale belongs to a dead process. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    holder: text("holder").notNull(),
    counts: jsonb("counts").$type<SyncCounts>(),
    progress: jsonb("progress").$type<SyncProgress>(),
    upstreamCalls: integer("upstream_calls").notNull().default(0),
    sha256: text("sha256"),
    error: jsonb("error").$type<{ type: string; message: string }>(),
  },
  (t) => [
    // Never two at once, across every instance: a second running row cannot be inserted.
    uniqueIndex("syncs_one_running").on(sql`(true)`).where(sql`${t.status} = 'running'`),
    index("syncs_status_seq").on(t.status, t.seq),
  ],
);

export interface SyncCounts {
  organizations: number;
  memberships: number;
  people: number;
  roles: number;
  permissions: number;
  groups: number;
  group_memberships: number;
}

export interface SyncProgress {
  phase: "listing" | "walking" | "saving" | "done";
  organizationsTotal: number | null;
  organizationsDone: number;
  membershipsSoFar: number;
  groupsTotal: number | null;
  groupsDone: number;
  rolesTotal: number | null;
  rolesDone: number;
  pages: number;
}

export const FACT_KINDS = [
  "organization",
  "member",
  "role",
  "permission",
  "settings",
  "setting",
  "group",
  "group_role",
  "group_member",
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const facts = pgTable(
  "directory_facts",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().primaryKey(),
    kind: text("kind").$type<FactKind>().notNull(),
    /** The record's container: an organization uuid, `org/role` for permissions, a group id; "" for top-level lists. */
    scope: text("scope").notNull(),
    /** Unique within `kind` among the facts true at one sync. */
    key: text("key").notNull(),
    /** Digest of the record's known fields in canonical form: equal hashes are the same fact. */
    hash: text("hash").notNull(),
    /** The record exactly as the upstream sent it when this version first appeared (unknown fields kept). */
    content: jsonb("content").notNull(),
    fromSeq: bigint("from_seq", { mode: "number" }).notNull(),
    toSeq: bigint("to_seq", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("directory_facts_current").on(t.kind, t.key).where(sql`${t.toSeq} is null`),
    index("directory_facts_from").on(t.fromSeq),
    index("directory_facts_to").on(t.toSeq),
    index("directory_facts_kind_scope").on(t.kind, t.scope),
  ],
);

/** What a running sync has read so far; turned into fact versions in one transaction when it completes. */
export const syncStaging = pgTable(
  "sync_staging",
  {
    syncId: text("sync_id").notNull(),
    kind: text("kind").$type<FactKind>().notNull(),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    hash: text("hash").notNull(),
    content: jsonb("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.syncId, t.kind, t.key] })],
);
