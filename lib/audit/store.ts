import type { AuditEntry, AuditFilter, AuditPage, AuditQuery, NewAuditEntry } from "./entry";

/*
 * Where audit entries live. One embedded implementation (JSON Lines under the data directory) for
 * a single instance; several instances need a shared one (e.g. Redis or a database) behind this
 * same interface, so nothing outside lib/audit knows which it got.
 */
export interface AuditStore {
  /** Durably records one entry (it survives a process restart once this resolves). */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, one page at a time. */
  list(query?: AuditQuery): Promise<AuditPage>;
  /** Every matching entry, oldest first, streamed (for the CSV download). */
  scan(filter?: AuditFilter, signal?: AbortSignal): AsyncIterable<AuditEntry>;
  close(): Promise<void>;
}
