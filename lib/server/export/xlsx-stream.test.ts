import { describe, expect, it } from "vitest";
import { csvChunks, type CellRowsChunk } from "./cell-rows";
import { readXlsx, xlsxText } from "./xlsx-read";
import { xlsxChunks } from "./xlsx-stream";

async function* pages(...p: CellRowsChunk["cells"][]): AsyncGenerator<CellRowsChunk> {
  for (const cells of p) yield { cells };
}

async function collect(gen: AsyncIterable<{ rows: number } & ({ bytes: Uint8Array } | { text: string })>) {
  const parts: Uint8Array[] = [];
  let rows = 0;
  for await (const c of gen) {
    rows += c.rows;
    parts.push("bytes" in c ? c.bytes : new TextEncoder().encode(c.text));
  }
  return { bytes: Buffer.concat(parts), rows };
}

const TRICKY = ["=1+1", "Semi;=1+1", '=HYPERLINK("http://evil","x")', "+1", "-5", "@SUM(A1)", "\uFF1D1+1", " =1", "00123", "1e5", "2026-01-02", "TRUE", "Lovelace, Ada", "😀 Zoë"];

describe("XLSX export body (exceljs streaming writer)", () => {
  it("writes every cell as a text cell: formula-like names, numbers, dates and booleans stay the text they are", async () => {
    const { bytes, rows } = await collect(xlsxChunks("users", ["name", "n", "when", "flag", "none"], pages(
      TRICKY.map((t) => [t, 42, new Date("2026-01-02T03:04:05Z"), true, null]),
      [["plain", -1.5, "x", false, undefined]],
    )));
    expect(rows).toBe(TRICKY.length + 1);
    const read = await readXlsx(bytes);
    expect(read.sheets).toEqual(["users"]);
    const { text, allStrings } = xlsxText(read.rows);
    expect(allStrings).toBe(true);
    expect(read.rows.flat().some((c) => c.type === "Formula" || c.type === "Number" || c.type === "Date" || c.type === "Boolean")).toBe(false);
    expect(text[0]).toEqual(["name", "n", "when", "flag", "none"]);
    expect(text.slice(1, -1).map((r) => r[0])).toEqual(TRICKY); // exactly as received: no apostrophe, no split at ";"
    expect(text[1]!.slice(1, 4)).toEqual(["42", "2026-01-02T03:04:05.000Z", "true"]);
    expect(text.at(-1)!.slice(0, 4)).toEqual(["plain", "-1.5", "x", "false"]);
  });

  it("holds the same rows as the CSV made from the same cells", async () => {
    const cells = [["a@x.com", "Ada"], ["b@x.com", "=1+1"]];
    const csv = await collect(csvChunks(pages(cells)));
    const xlsx = await collect(xlsxChunks("s", ["email", "name"], pages(cells)));
    expect(csv.rows).toBe(2);
    expect(xlsx.rows).toBe(2);
    expect(csv.bytes.toString()).toBe("a@x.com,Ada\r\nb@x.com,'=1+1\r\n");
    expect(xlsxText((await readXlsx(xlsx.bytes)).rows).text.slice(1)).toEqual(cells);
  });

  it("produces no complete workbook when the rows fail part way", async () => {
    async function* failing(): AsyncGenerator<CellRowsChunk> {
      yield { cells: [["a"]] };
      throw new Error("upstream gone");
    }
    const parts: Uint8Array[] = [];
    await expect(
      (async () => {
        for await (const c of xlsxChunks("s", ["h"], failing())) if ("bytes" in c) parts.push(c.bytes);
      })(),
    ).rejects.toThrow("upstream gone");
    await expect(readXlsx(Buffer.concat(parts))).rejects.toBeDefined();
  });
});
