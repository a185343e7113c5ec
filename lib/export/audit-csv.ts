import "server-only";
import { AUDIT_CSV_HEADER, auditCsvRow, type AuditEntry, type AuditFilter } from "@/lib/audit/entry";
import type { AuditStore } from "@/lib/audit/store";
import { csvLine, csvRows, UTF8_BOM } from "@/lib/csv/write";
import { auditedExportStream, type ExportChunk } from "./audited-stream";

/* The audit log itself as CSV, oldest first: an export like any other, so it is logged too. */

const BATCH = 500;

async function* auditChunks(audit: AuditStore, filter: AuditFilter, signal: AbortSignal): AsyncGenerator<ExportChunk> {
  let batch: AuditEntry[] = [];
  for await (const entry of audit.scan(filter, signal)) {
    batch.push(entry);
    if (batch.length >= BATCH) {
      yield { text: csvRows(batch.map(auditCsvRow)), rows: batch.length };
      batch = [];
    }
  }
  if (batch.length > 0) yield { text: csvRows(batch.map(auditCsvRow)), rows: batch.length };
}

export function auditCsvStream(opts: {
  audit: AuditStore;
  actor: string;
  filter: AuditFilter;
  bom: boolean;
  signal?: AbortSignal;
}): ReadableStream<Uint8Array> {
  const filters: Record<string, unknown> = {};
  if (opts.filter.from !== undefined) filters.from = new Date(opts.filter.from).toISOString();
  if (opts.filter.to !== undefined) filters.to = new Date(opts.filter.to).toISOString();
  for (const k of ["actor", "action", "outcome"] as const) if (opts.filter[k] !== undefined) filters[k] = opts.filter[k];
  if (opts.bom) filters.bom = true;
  return auditedExportStream({
    audit: opts.audit,
    actor: opts.actor,
    target: "audit.csv",
    filters,
    preamble: (opts.bom ? UTF8_BOM : "") + csvLine(AUDIT_CSV_HEADER),
    produce: (signal) => auditChunks(opts.audit, opts.filter, signal),
    signal: opts.signal,
  });
}
