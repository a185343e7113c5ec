import { csvRows, type CsvCell } from "@/lib/shared/csv/write";
import type { ExportChunk } from "./audited-stream";

/*
 * What every export produces before it has a file format: data rows as cells, page by page. The
 * CSV writer (quoted, formula-guarded) and the XLSX writer (text cells) both take these, so the
 * two files of one export always hold the same rows.
 */

export interface CellRowsChunk {
  cells: readonly (readonly CsvCell[])[];
}

/** The rows as CSV text through lib/shared/csv. */
export async function* csvChunks(source: AsyncIterable<CellRowsChunk>): AsyncGenerator<ExportChunk> {
  for await (const chunk of source) yield { text: csvRows(chunk.cells), rows: chunk.cells.length };
}

/**
 * A parent's rows: its cells followed by each child's, page by page; a parent without children
 * still appears, once, with `width` empty cells in their place.
 */
export async function* parentRows<T>(parent: readonly CsvCell[], pages: AsyncIterable<readonly T[]>, child: (item: T) => CsvCell[], width: number): AsyncGenerator<CellRowsChunk> {
  let any = false;
  for await (const page of pages) {
    any ||= page.length > 0;
    yield { cells: page.map((item) => [...parent, ...child(item)]) };
  }
  if (!any) yield { cells: [[...parent, ...Array<CsvCell>(width).fill(null)]] };
}
