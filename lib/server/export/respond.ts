import "server-only";
import { auditUnavailableResponse } from "@/lib/server/audit/unavailable";
import { jsonError } from "@/lib/server/http/error-response";
import type { AuditStore } from "@/lib/server/audit/store";
import { recordExportStart } from "./audited-stream";
import { requireRole, requireSession, type Officer } from "@/lib/server/session/session";

/* The response around an export body, and the answer (and log entry) when an export is refused. */

export const NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

/**
 * The 200 around an export body, once its "started" audit entry is written; a 503 (and the body
 * cancelled, so its walk stops) when the audit log cannot record it: nothing leaves unrecorded.
 */
export async function exportResponse(body: ReadableStream<Uint8Array>, contentType: string, filename: string): Promise<Response> {
  try {
    await recordExportStart(body);
  } catch (err) {
    await body.cancel(new Error("the audit log could not record the export")).catch(() => {});
    return auditUnavailableResponse(err);
  }
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export interface RefusedExport {
  audit: AuditStore;
  actor: string;
  target: string;
  filters: Record<string, unknown>;
  outcome: "refused" | "failed";
  detail: string;
}

/** Logs an export that never started. A log failure does not change the answer the officer gets. */
export async function logUnstartedExport(e: RefusedExport): Promise<void> {
  try {
    await e.audit.append({ actor: e.actor, action: "export", target: e.target, filters: e.filters, outcome: e.outcome, detail: e.detail.slice(0, 500) });
  } catch (err) {
    console.error("audit log write failed for a refused export:", err instanceof Error ? err.message : err);
  }
}

export async function refuseExport(e: Omit<RefusedExport, "outcome" | "detail">, status: number, type: string, message: string): Promise<Response> {
  await logUnstartedExport({ ...e, outcome: "refused", detail: message });
  return jsonError(status, type, message);
}

/** The raw query string as the log records a request it could not parse (bounded). */
export function rawQueryFilters(url: URL): Record<string, unknown> {
  return url.search ? { query: url.search.slice(1, 1001) } : {};
}

/**
 * The officer allowed to run an export, or the Response to return. A logged-in officer without
 * the exporter role is refused (403) and that refusal is logged: who tried to take what.
 */
export async function authorizeExport(audit: () => AuditStore, target: string, url: URL): Promise<Officer | Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  if (officer.role === "exporter") return officer;
  const denied = await requireRole("exporter");
  if (!(denied instanceof Response)) return denied;
  await logUnstartedExport({ audit: audit(), actor: officer.name, target, filters: rawQueryFilters(url), outcome: "refused", detail: `the ${officer.role} role may not export` });
  return denied;
}
