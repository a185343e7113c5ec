import "server-only";
import { AUDIT_CSV_HEADER, auditCsvRow, type AuditEntry, type AuditFilter } from "@/lib/shared/audit/entry";
import type { AuditStore } from "@/lib/server/audit/store";
import { csvLine, UTF8_BOM } from "@/lib/shared/csv/write";
import { requestedExportStream } from "./audited-stream";
import { csvChunks, type CellRowsChunk } from "./cell-rows";
import { xlsxChunks } from "./xlsx-stream";

/* The audit log itself as CSV or XLSX, oldest first: an export like any other, so it is logged too. */

const BATCH = 500;

async function* auditRows(audit: AuditStore, filter: AuditFilter, signal: AbortSignal): AsyncGenerator<CellRowsChunk> {
  let batch: AuditEntry[] = [];
  for await (const entry of audit.scan(filter, signal)) {
    batch.push(entry);
    if (batch.length >= BATCH) {
      yield { cells: batch.map(auditCsvRow) };
      batch = [];
    }
  }
  if (batch.length > 0) yield { cells: batch.map(auditCsvRow) };
}

export interface AuditExportOptions {
  audit: AuditStore;
  actor: string;
  filter: AuditFilter;
  bom: boolean;
  signal?: AbortSignal;
}

function auditExportFilters(opts: AuditExportOptions, bom: boolean): Record<string, unknown> {
  const filters: Record<string, unknown> = {};
  if (opts.filter.from !== undefined) filters.from = new Date(opts.filter.from).toISOString();
  if (opts.filter.to !== undefined) filters.to = new Date(opts.filter.to).toISOString();
  for (const k of ["actor", "action", "outcome"] as const) if (opts.filter[k] !== undefined) filters[k] = opts.filter[k];
  if (bom) filters.bom = true;
  return filters;
}

export function auditCsvStream(opts: AuditExportOptions): ReadableStream<Uint8Array> {
  const preamble = (opts.bom ? UTF8_BOM : "") + csvLine(AUDIT_CSV_HEADER);
  const produce = (signal: AbortSignal) => csvChunks(auditRows(opts.audit, opts.filter, signal));
  return requestedExportStream(opts, { target: "audit.csv", filters: auditExportFilters(opts, opts.bom), preamble, produce });
}

/** `audit.xlsx`: the same rows, every cell a text cell (a username like `＝cmd|...` stays text). */
export function auditXlsxStream(opts: AuditExportOptions): ReadableStream<Uint8Array> {
  const produce = (signal: AbortSignal) => xlsxChunks("audit", AUDIT_CSV_HEADER, auditRows(opts.audit, opts.filter, signal));
  return requestedExportStream(opts, { target: "audit.xlsx", filters: auditExportFilters(opts, false), produce });
}
