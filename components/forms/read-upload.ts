import { DEFAULT_MAX_BYTES, readCsv } from "@/lib/shared/csv/read";
import { classifyEntry } from "@/lib/shared/directory/entries";
import { suggestIdentityColumn, type ColumnSuggestion } from "@/lib/shared/seed-lists/input";
import { MAX_SEED_ENTRIES } from "@/lib/shared/seed-lists/schema";

/*
 * An uploaded CSV file read in the browser, with lib/shared/csv's checks (encoding, size, rows) so a bad
 * file is refused before anything is sent, in the same words the server would use. The bytes go
 * to the server as they are (base64) and are checked there again.
 */

export interface CsvUpload {
  filename: string;
  base64: string;
  /** Every record, the first included (it may be a header). */
  records: string[][];
  /** The first record looks like a header (its cell in the suggested column is no email or id). */
  headerGuess: boolean;
  suggestion: ColumnSuggestion;
}

export type UploadResult = { ok: true; upload: CsvUpload } | { ok: false; message: string };

function toBase64(bytes: Uint8Array): string {
  let s = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

export async function readUpload(file: File): Promise<UploadResult> {
  if (file.size > DEFAULT_MAX_BYTES) {
    return { ok: false, message: `${file.name}: the file is ${(file.size / (1024 * 1024)).toFixed(1)} MB; the limit is ${DEFAULT_MAX_BYTES / (1024 * 1024)} MB. Split it into smaller files.` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = readCsv(bytes, { header: false, maxRows: MAX_SEED_ENTRIES + 1 });
  if (!read.ok) return { ok: false, message: `${file.name}: ${read.message}` };
  const records = read.rows;
  const first = records[0] ?? [];
  // Suggest on the data rows (a header's "Email" is no email); fall back to all rows for one-row files.
  const suggestion = suggestIdentityColumn(first, records.length > 1 ? records.slice(1) : records);
  const firstKind = suggestion.index >= 0 ? classifyEntry(first[suggestion.index] ?? "").kind : "other";
  const headerGuess = firstKind !== "email" && firstKind !== "user_id";
  return { ok: true, upload: { filename: file.name, base64: toBase64(bytes), records, headerGuess, suggestion } };
}
