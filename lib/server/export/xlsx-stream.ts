import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { cellText } from "@/lib/shared/csv/write";
import type { ExportChunk } from "./audited-stream";
import type { CellRowsChunk } from "./cell-rows";

/*
 * The spreadsheet form of an export: an XLSX workbook in which every cell is a text cell. A value
 * like `=1+1` or `Semi;=1+1` stays the text it is, whatever the spreadsheet's list separator or
 * locale, because the file holds no formula and no separator to split on: the formula guard a CSV
 * needs does not apply here, and every value is written exactly as received (as text, never
 * coerced to a number or date). Written with exceljs's streaming writer, row by row, so a 200,000
 * row export holds about one page of rows and the compressed bytes not yet sent.
 */

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Text format: a cell an officer edits later stays text too. */
const TEXT_FORMAT = "@";


function takeBytes(pending: Buffer[]): Uint8Array {
  const b = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
  pending.length = 0;
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * The workbook's bytes as they are produced: one sheet named `sheet`, the header first, then every
 * row of `source`. Each chunk counts the rows written since the previous one (its bytes may trail
 * them: the zip is compressed as it goes). Ending early (a failure upstream, a client gone)
 * abandons the workbook: no clean end of file is ever produced for an unfinished export.
 */
export async function* xlsxChunks(sheet: string, header: readonly string[], source: AsyncIterable<CellRowsChunk>): AsyncGenerator<ExportChunk> {
  const out = new PassThrough();
  const pending: Buffer[] = [];
  out.on("data", (b: Buffer) => pending.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    out.once("end", resolve);
    out.once("error", reject);
  });
  ended.catch(() => {}); // awaited only when the workbook completes

  let finished = false;
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = workbook.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = header.map((h) => ({ key: h, width: Math.min(Math.max(h.length + 2, 14), 40), style: { numFmt: TEXT_FORMAT } }));
    ws.addRow(header.map((h) => String(h))).commit();
    for await (const chunk of source) {
      for (const row of chunk.cells) ws.addRow(row.map(cellText)).commit();
      yield { bytes: takeBytes(pending), rows: chunk.cells.length };
    }
    await ws.commit();
    await workbook.commit();
    await ended;
    finished = true;
    yield { bytes: takeBytes(pending), rows: 0 };
  } finally {
    if (!finished) out.destroy();
  }
}
