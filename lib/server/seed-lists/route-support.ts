import "server-only";
import { auditStore } from "@/lib/server/audit/instance";
import type { NewAuditEntry } from "@/lib/shared/audit/entry";
import { appendOrThrow, AuditUnavailableError, auditUnavailableResponse } from "@/lib/server/audit/unavailable";
import { WorkBudgetExceeded } from "@/lib/shared/directory/work-budget";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { SEED_LIST_ID_RE } from "@/lib/shared/seed-lists/schema";
import { SourceError } from "./sources";

/* What the seed-list and reconciliation routes share: error answers and audit entries (written before the answer). */

/**
 * A SourceError is the officer's input (400, its message says what is wrong); work on the input
 * that ran out of its time budget is 413 (smaller lists pass); the rest as any route.
 */
export function inputOrErrorResponse(err: unknown): Response {
  if (err instanceof SourceError) return jsonError(400, "invalid_request", err.message);
  if (err instanceof WorkBudgetExceeded) return jsonError(413, "too_much_work", err.message);
  if (err instanceof AuditUnavailableError) return auditUnavailableResponse(err.cause);
  return errorResponse(err);
}

/**
 * Records an entry before the route hands out what it made (a saved list, a reconciliation); a
 * failure throws AuditUnavailableError, which inputOrErrorResponse answers 503: nothing leaves
 * unrecorded (issue 9, the audit log fails closed).
 */
export async function recordAudit(entry: NewAuditEntry): Promise<void> {
  await appendOrThrow(auditStore(), entry);
}

/** Records an entry, or answers 503 so nothing is handed out unrecorded. */
export async function auditOrRefuse(entry: NewAuditEntry): Promise<Response | undefined> {
  try {
    await auditStore().append(entry);
    return undefined;
  } catch (err) {
    return auditUnavailableResponse(err);
  }
}

/** `seed-list:sl_... "Legal hold Q2"`: the list's id and name, as the audit log names it. */
export function seedListTarget(id: string, name: string): string {
  return `seed-list:${id} ${JSON.stringify(name.slice(0, 200))}`;
}

/** The 400 for a path segment that is not a seed list's id; undefined when it is one. */
export function refuseSeedListId(id: string): Response | undefined {
  return SEED_LIST_ID_RE.test(id) ? undefined : jsonError(400, "invalid_request", "That is not a seed list id (they look like sl_…).");
}
