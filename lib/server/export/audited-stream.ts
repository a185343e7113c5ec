import "server-only";
import { createHash } from "node:crypto";
import type { AuditStore } from "@/lib/server/audit/store";
import { isUpstreamError } from "@/lib/server/upstream/errors";

/*
 * The body of every server export: text produced page by page, sent as it comes, with the audit
 * entry written when it ends. What it guarantees:
 * - It starts at once (the preamble, e.g. BOM + header, is queued immediately) and pulls the next
 *   page only when the client has taken the previous one, so memory stays at about one page.
 * - It counts data rows and bytes and hashes (SHA-256) exactly the bytes handed to the response.
 * - An export that cannot finish errors the stream, so the HTTP response ends without its final
 *   chunk (never a clean end of file that looks complete), and is logged "aborted" first.
 * - A completed export is logged before the stream closes; if the log cannot be written the
 *   stream errors instead, so no export completes unaudited.
 * - A client that goes away cancels the walk (AbortSignal) and is logged "aborted".
 */

/** Whole records of text (CSV, NDJSON), or bytes of a binary file (XLSX), with the data rows they hold. */
export type ExportChunk = { text: string; rows: number } | { bytes: Uint8Array; rows: number };

const chunkBytes = (encoder: TextEncoder, chunk: ExportChunk): Uint8Array => ("text" in chunk ? encoder.encode(chunk.text) : chunk.bytes);

export interface AuditedExportOptions {
  audit: AuditStore;
  actor: string;
  /** What was exported, e.g. "users.csv". */
  target: string;
  filters: Record<string, unknown>;
  /** The sync the rows come from, when they come from the store (as_of), not the upstream. */
  syncId?: string;
  /** Written first and hashed, not counted as rows: BOM, header row. */
  preamble?: string;
  /** The rows, as pages arrive. Must stop when `signal` aborts. */
  produce(signal: AbortSignal): AsyncIterable<ExportChunk>;
  /** The request's signal: the client went away. */
  signal?: AbortSignal;
}

/** What an officer reads in the audit log about why an export stopped. */
export function abortDetail(err: unknown): string {
  if (isUpstreamError(err)) {
    const quoted = !err.requestId || err.message.includes(err.requestId);
    return `${err.message}${quoted ? "" : ` (request-id ${err.requestId})`}`.slice(0, 500);
  }
  return "the export failed inside the dashboard";
}

/** Who asked for an export: every file passes these on from the request unchanged. */
export type ExportRequester = Pick<AuditedExportOptions, "audit" | "actor" | "signal">;

/** auditedExportStream for one request: its audit store, actor and signal, and what this file is. */
export function requestedExportStream(by: ExportRequester, file: Omit<AuditedExportOptions, keyof ExportRequester>): ReadableStream<Uint8Array> {
  return auditedExportStream({ ...file, audit: by.audit, actor: by.actor, signal: by.signal });
}

export function auditedExportStream(opts: AuditedExportOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const hash = createHash("sha256");
  const startedAt = new Date().toISOString();
  const walk = new AbortController();
  let rows = 0;
  let bytes = 0;
  let ended = false;
  let iterator: AsyncIterator<ExportChunk> | undefined;

  const onClientGone = () => walk.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onClientGone();
  else opts.signal?.addEventListener("abort", onClientGone, { once: true });

  const send = (controller: ReadableStreamDefaultController<Uint8Array>, chunk: Uint8Array) => {
    hash.update(chunk);
    bytes += chunk.length;
    controller.enqueue(chunk);
  };

  // Exactly one entry per export, whichever of end, failure or cancel comes first.
  const end = (outcome: "completed" | "aborted", detail?: string) => {
    if (ended) return null;
    ended = true;
    opts.signal?.removeEventListener("abort", onClientGone);
    return opts.audit.append({
      actor: opts.actor,
      action: "export",
      target: opts.target,
      filters: opts.filters,
      rows,
      bytes,
      sha256: hash.digest("hex"),
      outcome,
      started_at: startedAt,
      detail,
      ...(opts.syncId ? { sync_id: opts.syncId } : {}),
    });
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        iterator = opts.produce(walk.signal)[Symbol.asyncIterator]();
        if (opts.preamble) send(controller, encoder.encode(opts.preamble));
      },

      async pull(controller) {
        let next: IteratorResult<ExportChunk>;
        let bytesOut: Uint8Array | undefined;
        try {
          // Pages the filters emptied send nothing (and a binary writer may not have flushed yet);
          // keep walking until there are bytes or an end. Rows count as they are produced.
          for (;;) {
            next = await iterator!.next();
            if (ended) return;
            if (next.done) break;
            rows += next.value.rows;
            bytesOut = chunkBytes(encoder, next.value);
            if (bytesOut.length > 0) break;
          }
        } catch (err) {
          const logged = end("aborted", walk.signal.aborted ? "the download was cancelled before it finished" : abortDetail(err));
          if (!logged) return;
          await logged.catch((e) => console.error("audit log write failed for an aborted export:", e instanceof Error ? e.message : e));
          controller.error(err);
          return;
        }
        if (!next.done) {
          send(controller, bytesOut!);
          return;
        }
        try {
          await end("completed");
        } catch (e) {
          console.error("audit log write failed; the export is ended as aborted:", e instanceof Error ? e.message : e);
          controller.error(new Error("the export could not be recorded in the audit log"));
          return;
        }
        controller.close();
      },

      async cancel(reason) {
        walk.abort(reason);
        // Do not await the walk: it may be parked in the limiter's queue; the signal frees it.
        void iterator?.return?.()?.catch(() => {});
        await end("aborted", "the download was cancelled before it finished (browser closed or connection lost)")?.catch((e) =>
          console.error("audit log write failed for a cancelled export:", e instanceof Error ? e.message : e),
        );
      },
    },
    // One page in flight beyond what the client has taken: flat memory, whatever the directory size.
    { highWaterMark: 1 },
  );
  startEntries.set(stream, () =>
    opts.audit.append({
      actor: opts.actor,
      action: "export",
      target: opts.target,
      filters: opts.filters,
      outcome: "started",
      started_at: startedAt,
      ...(opts.syncId ? { sync_id: opts.syncId } : {}),
    }).then(() => {}),
  );
  return stream;
}

/*
 * Fails closed (issue 9): an export is on record before its first byte leaves. Each body made
 * here carries the append of its "started" entry; exportResponse (respond.ts) runs it before it
 * answers 200, and answers 503 when the log cannot take it. The entry at the end adds rows, bytes
 * and the SHA-256.
 */
const startEntries = new WeakMap<ReadableStream<Uint8Array>, () => Promise<void>>();

/** Records that the export of `body` starts; resolves at once for a body that is not an audited export. */
export function recordExportStart(body: ReadableStream<Uint8Array>): Promise<void> {
  return startEntries.get(body)?.() ?? Promise.resolve();
}
