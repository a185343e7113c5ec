import "server-only";
import { createHash } from "node:crypto";
import { auditStore } from "@/lib/server/audit/instance";
import { auditUnavailableResponse } from "@/lib/server/audit/unavailable";
import type { AuditStore } from "@/lib/server/audit/store";
import { trimChars } from "@/lib/shared/format/trim-chars";

/*
 * A download built whole on the server from a sync (a report, a table's view): small enough to hold,
 * so its audit entry can say exactly what leaves (rows, bytes, SHA-256 of the bytes, the sync, the
 * filters) and is written before the first byte. No entry, no file: a 503 instead.
 */

export interface AuditedFile {
  actor: string;
  /** What was downloaded, e.g. "privileged.csv". */
  target: string;
  filters: Record<string, unknown>;
  syncId?: string;
  rows: number;
  body: string | Uint8Array;
  contentType: string;
  filename: string;
  audit?: AuditStore;
}

export async function auditedFileResponse(f: AuditedFile): Promise<Response> {
  const bytes = typeof f.body === "string" ? new TextEncoder().encode(f.body) : f.body;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    await (f.audit ?? auditStore()).append({
      actor: f.actor,
      action: "export",
      target: f.target,
      filters: f.filters,
      rows: f.rows,
      bytes: bytes.byteLength,
      sha256,
      outcome: "completed",
      ...(f.syncId ? { sync_id: f.syncId } : {}),
    });
  } catch (err) {
    return auditUnavailableResponse(err);
  }
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      "content-type": f.contentType,
      "content-disposition": `attachment; filename="${f.filename}"`,
      "content-length": String(bytes.byteLength),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-content-sha256": sha256,
    },
  });
}

/** A short, safe piece of a file name: `sync_…` ids and filter words, nothing a header could break on. */
export function filenamePart(s: string): string {
  return trimChars(s.replace(/[^A-Za-z0-9._-]+/g, "-"), "-").slice(0, 60);
}
