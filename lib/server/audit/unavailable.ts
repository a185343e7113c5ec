import "server-only";
import { jsonError } from "@/lib/server/http/error-response";
import type { NewAuditEntry } from "@/lib/shared/audit/entry";
import type { AuditStore } from "./store";

/*
 * The audit log fails closed (issue 9): an action that must be on record (an export, a download,
 * a reconciliation, a seed-list change, a login) writes its entry before it hands anything out,
 * and when the entry cannot be written the officer gets this 503 and nothing else.
 */

export const AUDIT_UNAVAILABLE_MESSAGE =
  "The audit log is unavailable, so nothing was handed out. Try again in a minute; if it persists, tell the dashboard's operator (the server log says why).";

export class AuditUnavailableError extends Error {
  constructor(readonly cause?: unknown) {
    super("the audit log could not record the action");
    this.name = "AuditUnavailableError";
  }
}

export function auditUnavailableResponse(cause?: unknown): Response {
  console.error("audit log unavailable; the action was refused:", cause instanceof Error ? cause.message : cause);
  return jsonError(503, "audit_unavailable", AUDIT_UNAVAILABLE_MESSAGE, { headers: { "retry-after": "30" } });
}

/** Appends `entry`, or throws AuditUnavailableError (whatever the store's failure was). */
export async function appendOrThrow(audit: AuditStore, entry: NewAuditEntry): Promise<void> {
  try {
    await audit.append(entry);
  } catch (err) {
    throw new AuditUnavailableError(err);
  }
}
