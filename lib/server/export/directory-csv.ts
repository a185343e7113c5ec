import "server-only";
import type { AuditStore } from "@/lib/server/audit/store";
import { csvLine, UTF8_BOM } from "@/lib/shared/csv/write";
import { auditedExportStream } from "./audited-stream";
import { csvChunks, type CellRowsChunk } from "./cell-rows";
import { directoryExportFilters, type DirectoryExportKind, type DirectoryExportQuery } from "@/lib/shared/export/export-query";
import { xlsxChunks } from "./xlsx-stream";

/*
 * What the roles, groups and settings exports have in common: a header, the filters the audit log
 * records, and the rows as chunks of cells, written as CSV or as XLSX. The body is the shared
 * audited stream, so these exports are counted, hashed, logged and aborted exactly like users.csv.
 */

export interface DirectoryCsvExport {
  /** "roles.csv", as the audit log names it. */
  target: string;
  header: readonly string[];
  /** As recorded in the audit log. */
  filters: Record<string, unknown>;
  /** The data rows, page by page. Must stop when `signal` aborts. */
  produce(signal: AbortSignal): AsyncIterable<CellRowsChunk>;
}

/** One kind's export: groups are parent-wide, so only the organization kinds record an org filter, and only groups a group filter. */
export function directoryExport(
  kind: DirectoryExportKind,
  header: readonly string[],
  query: DirectoryExportQuery,
  produce: (signal: AbortSignal) => AsyncIterable<CellRowsChunk>,
): DirectoryCsvExport {
  const filters = kind === "groups" ? directoryExportFilters({ ...query, orgs: [] }) : directoryExportFilters({ ...query, groups: [] });
  return { target: `${kind}.csv`, header, filters, produce };
}

export interface DirectoryCsvStreamOptions {
  audit: AuditStore;
  actor: string;
  bom: boolean;
  /** The request's signal: a client that goes away cancels the walk. */
  signal?: AbortSignal;
}

export function directoryCsvStream(exp: DirectoryCsvExport, opts: DirectoryCsvStreamOptions): ReadableStream<Uint8Array> {
  return auditedExportStream({
    audit: opts.audit,
    actor: opts.actor,
    target: exp.target,
    filters: exp.filters,
    preamble: (opts.bom ? UTF8_BOM : "") + csvLine(exp.header),
    produce: (signal) => csvChunks(exp.produce(signal)),
    signal: opts.signal,
  });
}

/** `roles.xlsx` beside `roles.csv`: the same rows and filters, every cell a text cell. */
export function directoryXlsxStream(exp: DirectoryCsvExport, opts: Omit<DirectoryCsvStreamOptions, "bom">): ReadableStream<Uint8Array> {
  const { bom: _bom, ...filters } = exp.filters;
  void _bom;
  return auditedExportStream({
    audit: opts.audit,
    actor: opts.actor,
    target: xlsxTarget(exp.target),
    filters,
    produce: (signal) => xlsxChunks(exp.target.replace(/\.csv$/, ""), exp.header, exp.produce(signal)),
    signal: opts.signal,
  });
}

/** "roles.csv" → "roles.xlsx": how the audit log names the spreadsheet form. */
export const xlsxTarget = (csvTarget: string) => csvTarget.replace(/\.csv$/, ".xlsx");

/**
 * Reads the export's first chunk before the response starts, so a failure on the very first
 * upstream call (a missing scope, a key that was revoked, an upstream that is down) is answered as
 * a JSON error the officer can read, not as a download that breaks after its header. The walk
 * then continues where it stopped; it is cancelled by the request's signal until the body takes
 * over, and by the body's signal after.
 */
export async function primeExport(exp: DirectoryCsvExport, requestSignal: AbortSignal): Promise<DirectoryCsvExport> {
  const walk = new AbortController();
  const onRequestGone = () => walk.abort(requestSignal.reason);
  if (requestSignal.aborted) onRequestGone();
  else requestSignal.addEventListener("abort", onRequestGone, { once: true });

  const inner = exp.produce(walk.signal)[Symbol.asyncIterator]();
  let first: IteratorResult<CellRowsChunk>;
  try {
    first = await inner.next();
  } catch (err) {
    requestSignal.removeEventListener("abort", onRequestGone);
    throw err;
  }

  let taken = false;
  return {
    ...exp,
    produce(signal: AbortSignal): AsyncIterable<CellRowsChunk> {
      if (taken) throw new Error("a primed export can be read only once");
      taken = true;
      const onBodyGone = () => walk.abort(signal.reason);
      if (signal.aborted) onBodyGone();
      else signal.addEventListener("abort", onBodyGone, { once: true });
      return (async function* () {
        try {
          let next = first;
          while (!next.done) {
            yield next.value;
            next = await inner.next();
          }
        } finally {
          requestSignal.removeEventListener("abort", onRequestGone);
          signal.removeEventListener("abort", onBodyGone);
          await inner.return?.();
        }
      })();
    },
  };
}
