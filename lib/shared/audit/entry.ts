import { z } from "zod";

/*
 * One line of the audit log: who did what, when, to which data, with what result. Exports record
 * their rows, bytes and the SHA-256 of exactly the bytes sent, so an auditor can match a file in
 * hand to the entry. Isomorphic (no server imports): the Audit page parses the same schema.
 */

export const AUDIT_ACTIONS = ["export", "login", "login_failed", "logout", "refused", "seed_list", "reconciliation", "view"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// "started": an export on record before its first byte; its "completed" or "aborted" entry follows.
export const AUDIT_OUTCOMES = ["started", "completed", "aborted", "refused", "ok", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a timestamp");

// Reads are lenient on action/outcome: an entry written by a newer build must still be listed.
export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoTime,
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  filters: z.record(z.string(), z.unknown()),
  rows: z.number().int().nonnegative().optional(),
  bytes: z.number().int().nonnegative().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  outcome: z.string(),
  /** When a long operation (an export) began; `at` is when it ended. */
  started_at: isoTime.optional(),
  detail: z.string().optional(),
  /** The sync whose data a download handed out. */
  sync_id: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What a caller appends; the store assigns `id` and `at` unless given. */
export interface NewAuditEntry {
  id?: string;
  at?: string;
  actor: string;
  action: AuditAction;
  target: string;
  filters?: Record<string, unknown>;
  rows?: number;
  bytes?: number;
  sha256?: string;
  outcome: AuditOutcome;
  started_at?: string;
  detail?: string;
  sync_id?: string;
}

export interface AuditFilter {
  /** Inclusive lower bound on `at` (epoch ms). */
  from?: number;
  /** Exclusive upper bound on `at` (epoch ms). */
  to?: number;
  actor?: string;
  action?: string;
  outcome?: string;
}

export interface AuditQuery extends AuditFilter {
  /** Page size, newest first. */
  limit?: number;
  /** Opaque: the `next_cursor` of the previous page. */
  cursor?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `cursor` for older entries; null on the last page. */
  next_cursor: string | null;
}

export const AUDIT_LIST_DEFAULT_LIMIT = 100;
export const AUDIT_LIST_MAX_LIMIT = 1000;

export function matchesAuditFilter(e: AuditEntry, f: AuditFilter): boolean {
  if (f.actor !== undefined && e.actor !== f.actor) return false;
  if (f.action !== undefined && e.action !== f.action) return false;
  if (f.outcome !== undefined && e.outcome !== f.outcome) return false;
  if (f.from !== undefined || f.to !== undefined) {
    const t = Date.parse(e.at);
    if (f.from !== undefined && t < f.from) return false;
    if (f.to !== undefined && t >= f.to) return false;
  }
  return true;
}

/** The audit log as CSV (through lib/shared/csv): one column per field, filters as JSON; columns added later go last, so older readers keep theirs. */
export const AUDIT_CSV_HEADER = ["id", "at", "started_at", "actor", "action", "target", "outcome", "rows", "bytes", "sha256", "filters", "detail", "sync_id"] as const;
export function auditCsvRow(e: AuditEntry): (string | number | undefined)[] {
  return [e.id, e.at, e.started_at, e.actor, e.action, e.target, e.outcome, e.rows, e.bytes, e.sha256, JSON.stringify(e.filters), e.detail, e.sync_id];
}
