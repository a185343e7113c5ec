import { CsvRecordCounter } from "@/lib/browser/csv/record-counter";
import { apiErrorFromAnswer, isAbortError, toApiError, type ApiError } from "@/lib/browser/query/api-error";
import { filenameFromDisposition, request } from "@/lib/browser/query/request";

/*
 * Downloading an export in the browser with fetch, so the officer sees it run: rows so far and
 * bytes, a Cancel that really stops the server's walk (the aborted request cancels it), and an
 * honest end. The server ends a body it could not finish without its final chunk, which fetch
 * reports as a network error: such a body is never offered as a file, because a truncated export
 * that looks complete is the one thing an auditor must never receive. Only a body that ended
 * cleanly, at a record boundary, becomes a Blob to save.
 */

export type ExportFormat = "csv" | "ndjson" | "xlsx";

export interface ExportProgress {
  /** Data rows received so far (the CSV header not counted). */
  rows: number;
  bytes: number;
}

export type ExportOutcome =
  | ({ kind: "complete"; blob: Blob; filename: string } & ExportProgress)
  /** The server refused before sending anything (bad filter, role, upstream down at once). */
  | { kind: "refused"; error: ApiError }
  /** The body broke off: the server aborted the export, or the connection was lost. */
  | ({ kind: "incomplete" } & ExportProgress)
  | ({ kind: "cancelled" } & ExportProgress);

export interface FetchExportOptions {
  format: ExportFormat;
  signal: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

/** Newline-delimited JSON: one record per line. */
class LineCounter {
  records = 0;
  private last = "";
  feed(chunk: string): number {
    for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) this.records++;
    if (chunk.length > 0) this.last = chunk[chunk.length - 1]!;
    return this.records;
  }
  get atRecordEnd(): boolean {
    return this.last === "" || this.last === "\n";
  }
}

/**
 * An XLSX is a zip: finished, it ends with the end-of-central-directory record (signature
 * PK\x05\x06, 22 bytes plus a comment). Rows cannot be counted while it streams (compressed).
 */
class ZipEndCheck {
  records = 0;
  private tail = new Uint8Array(0);
  feedBytes(chunk: Uint8Array): void {
    const keep = 22 + 0xffff;
    const joined = new Uint8Array(Math.min(this.tail.length + chunk.length, keep));
    const fromTail = Math.max(0, joined.length - chunk.length);
    joined.set(this.tail.subarray(this.tail.length - fromTail), 0);
    joined.set(chunk.subarray(chunk.length - (joined.length - fromTail)), fromTail);
    this.tail = joined;
  }
  feed(): number {
    return 0;
  }
  get atRecordEnd(): boolean {
    const t = this.tail;
    for (let i = t.length - 22; i >= 0; i--) {
      if (t[i] === 0x50 && t[i + 1] === 0x4b && t[i + 2] === 0x05 && t[i + 3] === 0x06) return true;
    }
    return false;
  }
}

export async function fetchExport(href: string, opts: FetchExportOptions): Promise<ExportOutcome> {
  const { signal } = opts;
  const progress: ExportProgress = { rows: 0, bytes: 0 };
  const zip = opts.format === "xlsx" ? new ZipEndCheck() : null;
  const counter = zip ?? (opts.format === "csv" ? new CsvRecordCounter() : new LineCounter());
  const headerRows = opts.format === "csv" ? 1 : 0;
  const dataRows = () => Math.max(0, counter.records - headerRows);

  let res: Response;
  try {
    res = await request(href, { signal });
  } catch (e) {
    if (signal.aborted || isAbortError(e)) return { kind: "cancelled", ...progress };
    return { kind: "refused", error: toApiError(e) };
  }
  if (!res.body) return { kind: "refused", error: apiErrorFromAnswer(res.status, undefined) };

  const filename = filenameFromDisposition(res.headers.get("content-disposition"), `export.${opts.format}`);
  const type = res.headers.get("content-type") ?? (opts.format === "csv" ? "text/csv" : opts.format === "xlsx" ? "application/octet-stream" : "application/x-ndjson");
  const parts: Uint8Array[] = [];
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      progress.bytes += value.byteLength;
      if (zip) zip.feedBytes(value);
      else counter.feed(decoder.decode(value, { stream: true }));
      progress.rows = dataRows();
      opts.onProgress?.({ ...progress });
    }
  } catch (e) {
    if (signal.aborted || isAbortError(e)) return { kind: "cancelled", ...progress };
    return { kind: "incomplete", ...progress };
  }
  counter.feed(decoder.decode());
  progress.rows = dataRows();
  // The server always ends a finished file with a record ending; anything else was cut short.
  if (!counter.atRecordEnd || (opts.format === "csv" && counter.records < 1)) return { kind: "incomplete", ...progress };
  return { kind: "complete", blob: new Blob(parts as BlobPart[], { type }), filename, ...progress };
}
