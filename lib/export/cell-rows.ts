import { csvRows, type CsvCell } from "@/lib/csv/write";
import type { ExportChunk } from "./audited-stream";

/*
 * What every export produces before it has a file format: data rows as cells, page by page. The
 * CSV writer (quoted, formula-guarded) and the XLSX writer (text cells) both take these, so the
 * two files of one export always hold the same rows.
 */

export interface CellRowsChunk {
  cells: readonly (readonly CsvCell[])[];
}

/** The rows as CSV text through lib/csv. */
export async function* csvChunks(source: AsyncIterable<CellRowsChunk>): AsyncGenerator<ExportChunk> {
  for await (const chunk of source) yield { text: csvRows(chunk.cells), rows: chunk.cells.length };
}
