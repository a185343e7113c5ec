import { describe, expect, it } from "vitest";
import { detectDelimiter, firstInvalidUtf8Byte, readCsv } from "./read";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("reading uploaded CSV", () => {
  it("returns the header and the rows of a comma file, quotes and newlines intact", () => {
    const r = readCsv(bytes('email,name\r\nada@example.com,"Lovelace, Ada"\r\nbob@example.com,"two\nlines"\r\n'));
    expect(r).toEqual({
      ok: true,
      delimiter: ",",
      header: ["email", "name"],
      rows: [
        ["ada@example.com", "Lovelace, Ada"],
        ["bob@example.com", "two\nlines"],
      ],
    });
  });

  it("detects semicolon and tab delimiters (European Excel, pasted spreadsheets)", () => {
    const semi = readCsv(bytes("email;name\nada@example.com;Ada, L.\n"));
    expect(semi.ok && semi.delimiter).toBe(";");
    expect(semi.ok && semi.rows).toEqual([["ada@example.com", "Ada, L."]]);
    const tab = readCsv("email\tname\nada@example.com\tAda\n");
    expect(tab.ok && tab.rows).toEqual([["ada@example.com", "Ada"]]);
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
    expect(detectDelimiter("just-one-column\n")).toBe(",");
  });

  it("drops a UTF-8 byte-order mark and blank lines, keeps ragged rows", () => {
    const r = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("email\n\nada@example.com,extra\n,\n")]));
    expect(r).toEqual({ ok: true, delimiter: ",", header: ["email"], rows: [["ada@example.com", "extra"]] });
  });

  it("reads headerless pasted text when asked", () => {
    const r = readCsv("ada@example.com\nbob@example.com\n", { header: false });
    expect(r.ok && r.header).toEqual([]);
    expect(r.ok && r.rows).toEqual([["ada@example.com"], ["bob@example.com"]]);
  });

  it("refuses a UTF-16 file and says how to save it", () => {
    const r = readCsv(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]));
    expect(r).toMatchObject({ ok: false, code: "utf16" });
    expect(!r.ok && r.message).toMatch(/UTF-16.*CSV UTF-8/);
    expect(readCsv(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toMatchObject({ ok: false, code: "utf16" });
  });

  it("refuses invalid UTF-8 (a Windows-1252 file) and names the line", () => {
    const r = readCsv(new Uint8Array([...bytes("email,name\nzoe@example.com,Zo"), 0xeb, 0x0a]));
    expect(r).toMatchObject({ ok: false, code: "not_utf8" });
    expect(!r.ok && r.message).toMatch(/line 2/);
  });

  it("refuses an Excel workbook and other binary files", () => {
    expect(readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({ ok: false, code: "binary" });
    expect(readCsv(new Uint8Array([0x61, 0x00, 0x62]))).toMatchObject({ ok: false, code: "binary" });
  });

  it("refuses a file over the size limit before decoding it", () => {
    const r = readCsv(new Uint8Array(2048).fill(0x61), { maxBytes: 1024 });
    expect(r).toMatchObject({ ok: false, code: "too_large" });
    expect(readCsv("x".repeat(2048), { maxBytes: 1024 })).toMatchObject({ ok: false, code: "too_large" });
  });

  it("refuses more rows than the limit, and accepts exactly the limit", () => {
    const file = (n: number) => "email\n" + Array.from({ length: n }, (_, i) => `u${i}@example.com`).join("\n");
    expect(readCsv(file(3), { maxRows: 3 })).toMatchObject({ ok: true });
    const r = readCsv(file(4), { maxRows: 3 });
    expect(r).toMatchObject({ ok: false, code: "too_many_rows" });
    expect(!r.ok && r.message).toMatch(/more than 3 rows/);
  });

  it("refuses an empty file and an unclosed quote with a message naming the line", () => {
    expect(readCsv(new Uint8Array())).toMatchObject({ ok: false, code: "empty" });
    expect(readCsv(" \n\n")).toMatchObject({ ok: false, code: "empty" });
    const r = readCsv('email\n"ada@example.com\n');
    expect(r).toMatchObject({ ok: false, code: "malformed" });
    expect(!r.ok && r.message).toMatch(/line \d.*never closed/);
  });

  it("finds the first invalid UTF-8 byte, rejecting overlongs and surrogates", () => {
    expect(firstInvalidUtf8Byte(bytes("aé😀王"))).toBe(-1);
    expect(firstInvalidUtf8Byte(new Uint8Array([0x61, 0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8Byte(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8Byte(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1); // truncated
  });
});
