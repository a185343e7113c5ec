import "server-only";
import type { AuditStore } from "@/lib/audit/store";
import { csvLine, UTF8_BOM } from "@/lib/csv/write";
import { auditedExportStream, type ExportChunk } from "./audited-stream";

/*
 * What the roles, groups and settings exports have in common: a header, the filters the audit log
 * records, and the rows as chunks of CSV text. The body is the shared audited stream, so these
 * exports are counted, hashed, logged and aborted exactly like users.csv.
 */

export interface DirectoryCsvExport {
  /** "roles.csv", as the audit log names it. */
  target: string;
  header: readonly string[];
  /** As recorded in the audit log. */
  filters: Record<string, unknown>;
  /** The data rows, page by page. Must stop when `signal` aborts. */
  produce(signal: AbortSignal): AsyncIterable<ExportChunk>;
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
    produce: (signal) => exp.produce(signal),
    signal: opts.signal,
  });
}

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
  let first: IteratorResult<ExportChunk>;
  try {
    first = await inner.next();
  } catch (err) {
    requestSignal.removeEventListener("abort", onRequestGone);
    throw err;
  }

  let taken = false;
  return {
    ...exp,
    produce(signal: AbortSignal): AsyncIterable<ExportChunk> {
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
