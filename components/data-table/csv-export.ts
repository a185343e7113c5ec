/*
 * The kit's only door to the product's CSV module (lib/csv): quoting and the formula guard live
 * there, shared with the server exports, so a table download and a server export of the same rows
 * are the same bytes.
 */
import { downloadCsv } from "@/lib/csv/download";
import { csvFilename, type CsvCell } from "@/lib/csv/write";
import type { CsvColumnSpec } from "./column-meta";

export { csvFilename };

export function downloadRowsAsCsv<TData>(filenameBase: string, columns: CsvColumnSpec<TData>[], rows: readonly TData[], opts: { bom?: boolean } = {}): string {
  const filename = csvFilename(filenameBase);
  const body: CsvCell[][] = rows.map((row) => columns.map((c) => c.value(row)));
  downloadCsv(
    filename,
    columns.map((c) => c.header),
    body,
    { bom: opts.bom },
  );
  return filename;
}
