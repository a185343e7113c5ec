import { jsonError } from "@/lib/server/http/error-response";
import { historyNumberParam } from "@/lib/server/http/history-numbers";
import { RECONCILIATION_ID_RE } from "@/lib/shared/reconciliation/saved-schema";
import type { DbReconciliationStore } from "./db-store";
import { reconciliationStore } from "./instance";

/** A run number from the query string: undefined when absent, null when not a positive integer. */
export const runNumberParam = historyNumberParam;

/** The 400 for a path segment that is not a saved reconciliation's id; undefined when it is one. */
export function refuseReconciliationId(id: string): Response | undefined {
  return RECONCILIATION_ID_RE.test(id) ? undefined : jsonError(400, "invalid_request", "That is not a saved reconciliation id (they look like rc_…).");
}

export function noSuchReconciliation(id: string): Response {
  return jsonError(404, "not_found", `There is no saved reconciliation ${id}.`);
}

/** The 404 for a run the store no longer keeps, naming the runs it does. */
export function runNotKept(number: number, kept: readonly number[]): Response {
  return jsonError(404, "not_found", `Run ${number} of this reconciliation is not kept; kept: ${kept.join(", ")}.`);
}

/**
 * What a route under `/api/reconciliations/{id}` reads first: the id checked (400), then `read`
 * from the store (404 when it finds nothing). Answers the id, the store and what was read, or the
 * refusal to send.
 */
export async function savedReconciliationOf<T>(
  params: Promise<{ id: string }>,
  read: (store: DbReconciliationStore, id: string) => Promise<T | null>,
): Promise<{ id: string; store: DbReconciliationStore; saved: T } | Response> {
  const { id } = await params;
  const badId = refuseReconciliationId(id);
  if (badId) return badId;
  const store = reconciliationStore();
  const saved = await read(store, id);
  return saved ? { id, store, saved } : noSuchReconciliation(id);
}
