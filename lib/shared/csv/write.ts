import { stringify } from "csv-stringify/browser/esm/sync";
import { guardFormula } from "./formula-guard";

/*
 * The one CSV writer of the product: server exports and browser table downloads both call it, so
 * the quoting and the formula guard cannot drift apart. It imports only the browser build of
 * csv-stringify (no Node built-ins), so client components can use it.
 *
 * Choices, fixed here once:
 * - RFC 4180: CRLF between records (also after the last), fields quoted when they hold a comma,
 *   a double quote, CR or LF; quotes doubled. csv-stringify does not quote a bare CR or LF when
 *   the record delimiter is CRLF, so `quoted_match` forces it (a parser would split the record).
 * - UTF-8 always; the byte-order mark only on request (`?bom=1`), because Excel on Windows needs
 *   it to read UTF-8 while most other tools show it as a stray character.
 */

export const CSV_RECORD_DELIMITER = "\r\n";
export const UTF8_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

export type CsvCell = string | number | boolean | bigint | null | undefined | object;

const STRINGIFY_OPTIONS = {
  record_delimiter: CSV_RECORD_DELIMITER,
  quoted_match: /[\r\n]/,
} as const;

/** A value as the text of a cell: empty for null/undefined, ISO for dates, JSON for objects. */
export function cellText(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return JSON.stringify(value);
}

/** The text of one cell as it will be written: stringified, then formula-guarded. */
export function csvCell(value: CsvCell): string {
  return guardFormula(cellText(value));
}

/** Records as CSV text, each ended by CRLF. Every cell passes the formula guard. */
export function csvRows(rows: Iterable<readonly CsvCell[]>): string {
  const prepared: string[][] = [];
  for (const row of rows) prepared.push(row.map(csvCell));
  if (prepared.length === 0) return "";
  return stringify(prepared, STRINGIFY_OPTIONS);
}

/** One record, ended by CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return csvRows([cells]);
}

export interface CsvTextOptions {
  /** Prefix a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
}

/** A whole small CSV document (header + rows) as one string; large exports stream csvRows instead. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvCell[]>, opts: CsvTextOptions = {}): string {
  return (opts.bom ? UTF8_BOM : "") + csvLine(header) + csvRows(rows);
}

/** `users-2026-05-01.csv`: the date is the day the file was made (UTC), so repeated downloads sort. */
export function csvFilename(base: string, at: Date = new Date(), ext = "csv"): string {
  return `${base}-${at.toISOString().slice(0, 10)}.${ext}`;
}
