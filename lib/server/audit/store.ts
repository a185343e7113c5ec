import type { AuditEntry, AuditFilter, AuditPage, AuditQuery, NewAuditEntry } from "@/lib/shared/audit/entry";

/*
 * Where audit entries live: the database (db-store.ts, hash-chained, shared by every instance).
 * The JSON Lines store (jsonl-store.ts) is what earlier versions kept under DATA_DIR; it is read
 * once to import it, and serves unit tests. Nothing outside lib/server/audit knows which it got.
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

const INVALID_CURSOR = Symbol.for("compliance-directory.invalid-audit-cursor");

/** A list cursor that this store never handed out (a 400, not a 500). */
export class InvalidAuditCursorError extends Error {
  readonly [INVALID_CURSOR] = true;
  constructor() {
    super("The audit list cursor is not valid; start again from the first page.");
    this.name = "InvalidAuditCursorError";
  }
}

/**
 * Branded as well as classed: the audit store is one per process (lib/server/process-wide.ts) and
 * throws the class of whichever Next.js layer made it, which a route's `instanceof` may not know.
 */
export function isInvalidAuditCursor(err: unknown): err is InvalidAuditCursorError {
  return err instanceof InvalidAuditCursorError || (typeof err === "object" && err !== null && (err as { [INVALID_CURSOR]?: unknown })[INVALID_CURSOR] === true);
}
