import "server-only";
import { randomUUID } from "node:crypto";
import type { Database, Query } from "@/lib/server/store/database";
import { chainHash, GENESIS_HASH, storable } from "./chain";
import { AUDIT_LIST_DEFAULT_LIMIT, AUDIT_LIST_MAX_LIMIT, auditEntrySchema, type AuditEntry, type AuditFilter, type AuditPage, type AuditQuery, type NewAuditEntry } from "@/lib/shared/audit/entry";
import { InvalidAuditCursorError, type AuditStore } from "./store";

/*
 * The audit log in the database (table audit_entries), shared by every instance. An append is one
 * transaction: it locks the chain's head row (so appends from every instance queue on one lock),
 * links the entry to the head's hash, inserts it and moves the head. Once append() resolves, the
 * entry is committed. The list cursor is the sequence number of the oldest entry on the page.
 * Plain SQL through Database.query/transaction: the same on PGlite and on a PostgreSQL server.
 */

const SCAN_BATCH = 500;

/** Columns as the store reads them: times as ISO 8601 exactly as appended (millisecond UTC). */
export const ENTRY_COLUMNS = `seq, id,
  to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
  to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
  actor, action, target, filters, rows, bytes, sha256, outcome, detail, sync_id, prev_hash, hash`;

export interface EntryRow {
  seq: number | string;
  id: string;
  at: string;
  started_at: string | null;
  actor: string;
  action: string;
  target: string;
  filters: Record<string, unknown> | string;
  rows: number | string | null;
  bytes: number | string | null;
  sha256: string | null;
  outcome: string;
  detail: string | null;
  sync_id: string | null;
  prev_hash: string;
  hash: string;
}

export function entryOf(r: EntryRow): AuditEntry {
  const e: AuditEntry = {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    filters: typeof r.filters === "string" ? (JSON.parse(r.filters) as Record<string, unknown>) : r.filters,
    outcome: r.outcome,
  };
  if (r.rows !== null) e.rows = Number(r.rows);
  if (r.bytes !== null) e.bytes = Number(r.bytes);
  if (r.sha256 !== null) e.sha256 = r.sha256;
  if (r.started_at !== null) e.started_at = r.started_at;
  if (r.detail !== null) e.detail = r.detail;
  if (r.sync_id !== null) e.sync_id = r.sync_id;
  return e;
}

/** A new entry as it will be stored: validated, id and time assigned, times in one exact form. */
export function prepareEntry(input: NewAuditEntry | AuditEntry): AuditEntry {
  const entry = auditEntrySchema.parse(
    storable({ ...input, id: input.id ?? randomUUID(), at: input.at ?? new Date().toISOString(), filters: input.filters ?? {} }),
  );
  entry.at = new Date(entry.at).toISOString();
  if (entry.started_at !== undefined) entry.started_at = new Date(entry.started_at).toISOString();
  return entry;
}

/**
 * Appends entries, in order, to the chain inside the caller's transaction. With `skipExisting`
 * an entry whose id is already in the log is left out (an import that is run again).
 */
export async function appendToChain(query: Query, entries: AuditEntry[], opts: { skipExisting?: boolean } = {}): Promise<number> {
  await query("insert into audit_chain_head (id, seq, hash, entries) values (1, 0, $1, 0) on conflict (id) do nothing", [GENESIS_HASH]);
  const [head] = await query<{ seq: string | number; hash: string }>("select seq, hash from audit_chain_head where id = 1 for update");
  let prev = head!.hash;
  let seq = Number(head!.seq);
  let added = 0;
  for (const e of entries) {
    const hash = chainHash(prev, e);
    const inserted = await query<{ seq: string | number }>(
      `insert into audit_entries (id, at, started_at, actor, action, target, filters, rows, bytes, sha256, outcome, detail, sync_id, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15)
       ${opts.skipExisting ? "on conflict (id) do nothing" : ""} returning seq`,
      [e.id, e.at, e.started_at ?? null, e.actor, e.action, e.target, JSON.stringify(e.filters), e.rows ?? null, e.bytes ?? null, e.sha256 ?? null, e.outcome, e.detail ?? null, e.sync_id ?? null, prev, hash],
    );
    if (inserted.length === 0) continue;
    prev = hash;
    seq = Number(inserted[0]!.seq);
    added++;
  }
  if (added > 0) await query("update audit_chain_head set seq = $1, hash = $2, entries = entries + $3 where id = 1", [seq, prev, added]);
  return added;
}

/** SQL conditions for a filter, with their parameters numbered from `first`. */
function whereOf(f: AuditFilter, params: unknown[]): string[] {
  const conds: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace("?", `$${params.length}`));
  };
  if (f.actor !== undefined) add("actor = ?", f.actor);
  if (f.action !== undefined) add("action = ?", f.action);
  if (f.outcome !== undefined) add("outcome = ?", f.outcome);
  if (f.from !== undefined) add("at >= ?::timestamptz", new Date(f.from).toISOString());
  if (f.to !== undefined) add("at < ?::timestamptz", new Date(f.to).toISOString());
  return conds;
}

export class DbAuditStore implements AuditStore {
  /** `database` is asked on every call: the process-wide one reopens by itself after an outage. */
  constructor(private readonly database: () => Promise<Database>) {}

  async append(input: NewAuditEntry): Promise<AuditEntry> {
    const entry = prepareEntry(input);
    const db = await this.database();
    await db.transaction((q) => appendToChain(q, [entry]));
    return entry;
  }

  async list(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(1, query.limit ?? AUDIT_LIST_DEFAULT_LIMIT), AUDIT_LIST_MAX_LIMIT);
    const params: unknown[] = [];
    const conds = whereOf(query, params);
    if (query.cursor !== undefined) {
      if (!/^[1-9]\d{0,15}$/.test(query.cursor)) throw new InvalidAuditCursorError();
      params.push(Number(query.cursor));
      conds.push(`seq < $${params.length}`);
    }
    params.push(limit + 1);
    const db = await this.database();
    const rows = await db.query<EntryRow>(
      `select ${ENTRY_COLUMNS} from audit_entries ${conds.length ? `where ${conds.join(" and ")}` : ""} order by seq desc limit $${params.length}`,
      params,
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return { entries: page.map(entryOf), next_cursor: more ? String(page[page.length - 1]!.seq) : null };
  }

  async *scan(filter: AuditFilter = {}, signal?: AbortSignal): AsyncIterable<AuditEntry> {
    const db = await this.database();
    let after = 0;
    for (;;) {
      signal?.throwIfAborted();
      const params: unknown[] = [];
      const conds = whereOf(filter, params);
      params.push(after);
      conds.push(`seq > $${params.length}`);
      const rows = await db.query<EntryRow>(`select ${ENTRY_COLUMNS} from audit_entries where ${conds.join(" and ")} order by seq limit ${SCAN_BATCH}`, params);
      for (const r of rows) yield entryOf(r);
      if (rows.length < SCAN_BATCH) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  /** The database belongs to the process (lib/server/store/instance.ts closeStore), not to this view of it. */
  async close(): Promise<void> {}
}
