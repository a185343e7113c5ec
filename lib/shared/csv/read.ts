import { parse, CsvError } from "csv-parse/browser/esm/sync";

/*
 * Reading CSV an officer uploads or pastes (HR exports, legal hold lists, systems of record).
 * Isomorphic like the writer: the browser can check a file before sending it, the server checks
 * it again. Every refusal says what is wrong with the file and how to fix it, in an officer's words.
 */

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 50_000;

export type CsvDelimiter = "," | ";" | "\t";
const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

export interface ReadCsvOptions {
  maxBytes?: number;
  /** Data rows, the header not counted. */
  maxRows?: number;
  /** First record is a header (default true). */
  header?: boolean;
  /** Skip detection; the detected delimiter is used otherwise. */
  delimiter?: CsvDelimiter;
}

export type CsvReadErrorCode = "empty" | "too_large" | "too_many_rows" | "utf16" | "not_utf8" | "binary" | "malformed";

export type CsvReadResult =
  | { ok: true; delimiter: CsvDelimiter; header: string[]; rows: string[][] }
  | { ok: false; code: CsvReadErrorCode; message: string };

const fail = (code: CsvReadErrorCode, message: string): CsvReadResult => ({ ok: false, code, message });

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/** Offset of the first byte that breaks UTF-8, or -1. TextDecoder says only that one exists. */
export function firstInvalidUtf8Byte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need: number;
    let min: number;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decodes an upload strictly: UTF-8 only (a UTF-8 BOM is dropped), anything else refused. */
function decode(bytes: Uint8Array): { text: string } | { error: CsvReadResult } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      error: fail(
        "utf16",
        "This file is UTF-16 encoded (Excel's \"Unicode Text\"). Save it as \"CSV UTF-8 (Comma delimited)\" and upload it again.",
      ),
    };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { error: fail("binary", "This is a spreadsheet workbook (.xlsx), not a CSV file. In Excel use File > Save As > \"CSV UTF-8\" and upload that.") };
  }
  if (bytes.includes(0)) {
    return { error: fail("binary", "This file holds binary data (NUL bytes), so it is not a CSV text file. Export it as \"CSV UTF-8\" and upload that.") };
  }
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    return {
      error: fail(
        "not_utf8",
        `This file is not valid UTF-8 (first bad byte at line ${lineOf(bytes, bad)}); it was probably saved as Windows-1252 or Latin-1. Save it as "CSV UTF-8 (Comma delimited)" and upload it again.`,
      ),
    };
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}

/** The delimiter of the first record: the most frequent of `,` `;` tab outside quotes; comma on a tie or none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Reads an uploaded file (bytes: encoding checked) or pasted text (already a string). Returns the
 * header and the data rows as strings, untrimmed: what the officer sent, for the caller to resolve.
 */
export function readCsv(input: Uint8Array | ArrayBuffer | string, opts: ReadCsvOptions = {}): CsvReadResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const withHeader = opts.header ?? true;

  let text: string;
  if (typeof input === "string") {
    const size = new TextEncoder().encode(input).length;
    if (size > maxBytes) return fail("too_large", `The text is ${mb(size)}; the limit is ${mb(maxBytes)}. Split it into smaller parts.`);
    text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  } else {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    if (bytes.length > maxBytes) return fail("too_large", `The file is ${mb(bytes.length)}; the limit is ${mb(maxBytes)}. Split it into smaller files.`);
    const decoded = decode(bytes);
    if ("error" in decoded) return decoded.error;
    text = decoded.text;
  }
  if (text.trim() === "") return fail("empty", "The file is empty: there are no rows to read.");

  const delimiter = opts.delimiter ?? detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true, // HR exports are often ragged; the caller picks a column by index
      skip_empty_lines: true,
      // Stop at the limit instead of materialising a huge file only to refuse it.
      on_record: (record: string[], ctx: { records: number }) => {
        if (ctx.records > maxRows + (withHeader ? 1 : 0)) throw new RowLimitError();
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (e instanceof RowLimitError || (e instanceof Error && e.cause instanceof RowLimitError)) {
      return fail("too_many_rows", `The file has more than ${maxRows.toLocaleString("en-US")} rows; the limit is ${maxRows.toLocaleString("en-US")}. Split it into smaller files.`);
    }
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      return fail("malformed", `The file is not valid CSV${line ? ` near line ${line}` : ""}: ${plainCsvError(e)}. Check for an unmatched double quote.`);
    }
    throw e;
  }
  // Blank-looking rows ("," or ";;") carry nothing to resolve.
  records = records.filter((r) => r.some((c) => c.trim() !== ""));
  if (records.length === 0) return fail("empty", "The file is empty: there are no rows to read.");
  const header = withHeader ? records.shift()! : [];
  return { ok: true, delimiter, header, rows: records };
}

class RowLimitError extends Error {}

function plainCsvError(e: CsvError): string {
  switch (e.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted field is never closed";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "text follows a closing quote";
    default:
      return e.message.replace(/^Invalid Record Length: /, "").slice(0, 200);
  }
}
