import ExcelJS from "exceljs";

/*
 * Test support (not a test): a produced XLSX read back with exceljs, every cell with its type,
 * so tests can prove that no cell is a formula, a number or a date.
 */

export interface ReadCell {
  value: unknown;
  /** exceljs's ValueType name: "String", "Formula", "Number", ... */
  type: string;
}

export async function readXlsx(bytes: Uint8Array): Promise<{ sheets: string[]; rows: ReadCell[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const names = Object.fromEntries(Object.entries(ExcelJS.ValueType).map(([k, v]) => [v, k]));
  const rows: ReadCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: ReadCell[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push({ value: c.value, type: names[c.type] ?? String(c.type) }));
    rows.push(cells);
  });
  return { sheets: wb.worksheets.map((w) => w.name), rows };
}

/** The rows as text, and whether every non-empty cell is a string cell. */
export function xlsxText(rows: ReadCell[][]): { text: string[][]; allStrings: boolean } {
  let allStrings = true;
  const text = rows.map((r) =>
    r.map((c) => {
      if (c.type === "Null") return "";
      if (c.type !== "String") allStrings = false;
      return typeof c.value === "string" ? c.value : JSON.stringify(c.value);
    }),
  );
  return { text, allStrings };
}
