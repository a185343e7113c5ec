import "server-only";
import { auditStore } from "@/lib/audit/instance";
import type { NewAuditEntry } from "@/lib/audit/entry";
import { errorResponse, jsonError } from "@/lib/http/error-response";
import { SourceError } from "./sources";

/* What the seed-list and reconciliation routes share: error answers and audit entries. */

/** A SourceError is the officer's input (400, its message says what is wrong); the rest as any route. */
export function inputOrErrorResponse(err: unknown): Response {
  if (err instanceof SourceError) return jsonError(400, "invalid_request", err.message);
  return errorResponse(err);
}

/**
 * Records an entry; a failure is logged and swallowed (the work itself is done and the officer
 * has it). Downloads use `auditOrRefuse` instead: a file that leaves must be on record.
 */
export async function auditQuietly(entry: NewAuditEntry): Promise<void> {
  try {
    await auditStore().append(entry);
  } catch (err) {
    console.error("audit: could not record", entry.action, entry.target, "-", err instanceof Error ? err.message : "unknown error");
  }
}

/** Records an entry, or answers 503 so nothing is handed out unrecorded. */
export async function auditOrRefuse(entry: NewAuditEntry): Promise<Response | undefined> {
  try {
    await auditStore().append(entry);
    return undefined;
  } catch (err) {
    console.error("audit: could not record", entry.action, entry.target, "-", err instanceof Error ? err.message : "unknown error");
    return jsonError(503, "audit_unavailable", "The download was not made because the audit log could not record it. Try again; if it persists, check the data directory on the server.");
  }
}

/** `seed-list:sl_... "Legal hold Q2"`: the list's id and name, as the audit log names it. */
export function seedListTarget(id: string, name: string): string {
  return `seed-list:${id} ${JSON.stringify(name.slice(0, 200))}`;
}
