import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { FORMULA_TRIGGERS, guardFormula, startsLikeFormula } from "./formula-guard";
import { cellText, csvFilename, csvLine, csvRows, csvText, UTF8_BOM } from "./write";

const roundTrip = (text: string) => parse(text, { bom: true }) as string[][];

describe("CSV writing (RFC 4180, CRLF, UTF-8)", () => {
  it("ends every record with CRLF, the last one too", () => {
    expect(csvText(["a", "b"], [["1", "2"], ["3", "4"]])).toBe("a,b\r\n1,2\r\n3,4\r\n");
  });

  it("quotes and doubles double quotes so a name with quotes survives", () => {
    const line = csvLine(['Ada "The Countess" Lovelace', "x"]);
    expect(line).toBe('"Ada ""The Countess"" Lovelace",x\r\n');
    expect(roundTrip(line)).toEqual([['Ada "The Countess" Lovelace', "x"]]);
  });

  it("quotes commas, CRLF, bare LF and bare CR inside a name, and they parse back intact", () => {
    const names = ["Lovelace, Ada", "two\r\nlines", "line\nfeed", "carriage\rreturn"];
    const text = csvRows([names]);
    expect(text).toBe('"Lovelace, Ada","two\r\nlines","line\nfeed","carriage\rreturn"\r\n');
    expect(roundTrip(text)).toEqual([names]);
  });

  it("writes emoji and non-Latin names unchanged as UTF-8", () => {
    const cells = ["😀 Zoë", "王小明", "Ñandú 🇨🇭"];
    const text = csvLine(cells);
    expect(text).toBe("😀 Zoë,王小明,Ñandú 🇨🇭\r\n");
    expect(roundTrip(new TextDecoder().decode(new TextEncoder().encode(text)))).toEqual([cells]);
  });

  it("adds the UTF-8 byte-order mark only when asked", () => {
    expect(csvText(["a"], [["1"]], { bom: true })).toBe(`${UTF8_BOM}a\r\n1\r\n`);
    expect(new TextEncoder().encode(csvText(["a"], [], { bom: true })).subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csvText(["a"], [])).toBe("a\r\n");
  });

  it("writes empty cells for null and undefined, ISO for dates, JSON for objects", () => {
    expect(csvLine([null, undefined, "", 3, true, new Date("2026-01-02T03:04:05Z"), { a: 1 }])).toBe(
      ',,,3,true,2026-01-02T03:04:05.000Z,"{""a"":1}"\r\n',
    );
    expect(cellText(Number.NaN)).toBe("");
  });

  it("names files by kind and UTC day", () => {
    expect(csvFilename("users", new Date("2026-03-09T23:59:00Z"))).toBe("users-2026-03-09.csv");
  });
});

describe("formula-injection guard (OWASP, exact rule of CONTRACT.md)", () => {
  it.each(FORMULA_TRIGGERS.map((t) => [JSON.stringify(t), t] as const))("a cell starting with %s gets a leading apostrophe", (_, t) => {
    const cell = `${t}HYPERLINK("http://evil","x")`;
    const text = csvLine([cell]);
    expect(roundTrip(text)).toEqual([[`'${cell}`]]);
  });

  it("escapes the classic payloads", () => {
    expect(csvLine(["=1+1", "+1", "-1", "@SUM(A1)"])).toBe("'=1+1,'+1,'-1,'@SUM(A1)\r\n");
    expect(csvLine(["\t=1"])).toBe("'\t=1\r\n");
    expect(roundTrip(csvLine(["\r=1", "\n=1"]))).toEqual([["'\r=1", "'\n=1"]]);
  });

  it.each([
    ["full-width =", "\uFF1D1+1"],
    ["full-width +", "\uFF0B1"],
    ["full-width -", "\uFF0D1"],
    ["full-width @", "\uFF20SUM(A1)"],
    ["a space before =", " =1+1"],
    ["spaces before +", "   +1"],
    ["a no-break space before =", "\u00A0=1+1"],
    ["a zero-width space before =", "\u200B=1+1"],
    ["a zero-width non-joiner before -", "\u200C-1"],
    ["a zero-width joiner before @", "\u200D@SUM(A1)"],
    ["a word joiner before =", "\u2060=1"],
    ["a byte-order mark before =", "\uFEFF=1"],
    ["an ideographic space before full-width =", "\u3000\uFF1D1"],
    ["a login username carrying a command", "\uFF1Dcmd|' /C calc'!A0"],
  ])("guards %s", (_, cell) => {
    expect(startsLikeFormula(cell)).toBe(true);
    expect(roundTrip(csvLine([cell]))).toEqual([[`'${cell}`]]);
  });

  it("leaves leading spaces and zero-width characters before anything but a trigger exactly as received", () => {
    const cells = [" Ada", "\u200BAda", "\u00A0 x", "   ", "\uFEFF", "Ada\uFF1D", "a \uFF0B b", "\uFF01x"];
    expect(roundTrip(csvLine(cells))).toEqual([cells]);
  });

  it("leaves a trigger character that is not first exactly as received", () => {
    expect(csvLine(["a=b", "user+tag@example.com", "x-y", "'=already"])).toBe("a=b,user+tag@example.com,x-y,'=already\r\n");
  });

  it("guards numbers by their text too, so one rule covers every cell", () => {
    expect(csvLine([-5])).toBe("'-5\r\n");
  });

  it("guards header cells as well", () => {
    expect(csvText(["=h"], [])).toBe("'=h\r\n");
    expect(guardFormula("")).toBe("");
  });
});
