import { describe, expect, it } from "vitest";
import { columnEntries, columnLabel, firstLongEntry, parsePastedEntries, replaceDisplayNames, suggestIdentityColumn } from "./input";

describe("parsePastedEntries", () => {
  it("takes one entry per line and several per line on commas, semicolons, tabs or spaces", () => {
    const { entries } = parsePastedEntries("a@x.com\nb@x.com, c@x.com;d@x.com\te@x.com  user_1");
    expect(entries).toEqual(["a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com", "user_1"]);
  });

  it("keeps each blank line as a blank entry and counts it, but not the final line break", () => {
    const { entries, blankLines } = parsePastedEntries("a@x.com\r\n\r\n   \nb@x.com\n");
    expect(entries).toEqual(["a@x.com", "", "", "b@x.com"]);
    expect(blankLines).toBe(2);
  });

  it("reads an empty text as no entries at all", () => {
    expect(parsePastedEntries("")).toEqual({ entries: [], blankLines: 0 });
  });

  it("keeps the address of a mail client's `Name <address>` form, quoted names with commas included", () => {
    const { entries } = parsePastedEntries(`"Doe, Jane" <jane@x.com>; Bob Roe <bob@x.com>, carl@x.com`);
    expect(entries).toEqual(["jane@x.com", "bob@x.com", "carl@x.com"]);
  });

  it("reads the address forms exactly as the old pattern did, on every small combination of their characters", () => {
    // The pattern this replaced (quadratic on long lines), kept here as the reference on short lines.
    // eslint-disable-next-line regexp/no-super-linear-backtracking, regexp/no-super-linear-move
    const OLD = /(?:"[^"]*"|[^,;<>"\r\n]*?)\s*<([^<>\s]+)>/g;
    const alphabet = ['"', "<", ">", " ", ",", "a", "@"];
    const lines: string[] = [""];
    for (let len = 1; len <= 6; len++) {
      const n = alphabet.length ** len;
      for (let k = 0; k < n; k++) {
        let x = k;
        let line = "";
        for (let p = 0; p < len; p++) {
          line += alphabet[x % alphabet.length];
          x = Math.floor(x / alphabet.length);
        }
        lines.push(line);
      }
    }
    lines.push(`"Doe, Jane" <jane@x.com>; Bob Roe <bob@x.com>, carl@x.com`, `a "b" "c" <x@y> d`, `x <a b> <c@d>`, `"odd <e@f>`);
    for (const line of lines) expect(replaceDisplayNames(line), JSON.stringify(line)).toBe(line.replace(OLD, " $1 "));
  });

  it("reads 160,000 characters of one word, with and without an address after it, as one entry each", () => {
    const word = "a".repeat(160_000);
    expect(parsePastedEntries(word).entries).toEqual([word]);
    expect(parsePastedEntries(`${word} <ada@x.com>`).entries).toEqual(["ada@x.com"]);
    expect(parsePastedEntries(`${"<".repeat(80_000)}${"a".repeat(80_000)}`).entries).toHaveLength(1);
    expect(firstLongEntry(parsePastedEntries(`ada@x.com\n${word}`).entries, 1_000)).toEqual({ index: 1, length: 160_000 });
    expect(firstLongEntry(["ada@x.com"], 1_000)).toBeNull();
  });

  it("keeps what it cannot read as an entry, for the resolver to report", () => {
    expect(parsePastedEntries("hello a@x.com").entries).toEqual(["hello", "a@x.com"]);
  });
});

describe("suggestIdentityColumn", () => {
  it("suggests the column whose values look like emails in an HR export", () => {
    const header = ["Employee", "Department", "Work Email", "Manager"];
    const rows = [
      ["Ada", "Legal", "ada@x.com", "Grace"],
      ["Bob", "R&D", "bob@x.com", "Ada"],
      ["Carl", "R&D", "", "Ada"],
    ];
    expect(suggestIdentityColumn(header, rows)).toMatchObject({ index: 2, kind: "email" });
  });

  it("prefers the most populated email column over a sparse one (a manager's email)", () => {
    const rows = [
      ["boss@x.com", "ada@x.com"],
      ["", "bob@x.com"],
      ["", "carl@x.com"],
    ];
    expect(suggestIdentityColumn(["Manager email", "Email"], rows).index).toBe(1);
  });

  it("falls back to a column of user ids, and to a header name when the values say nothing", () => {
    expect(suggestIdentityColumn(["name", "id"], [["Ada", "user_01A"], ["Bob", "user_01B"]])).toMatchObject({ index: 1, kind: "user_id", share: 1 });
    expect(suggestIdentityColumn(["name", "E-mail"], [["Ada", "n/a"]])).toMatchObject({ index: 1, kind: "email" });
    expect(suggestIdentityColumn(["name", "dept"], [["Ada", "Legal"]])).toMatchObject({ index: -1, kind: null });
  });
});

describe("columnEntries", () => {
  it("gives one entry per row, a missing or empty cell as a blank entry", () => {
    expect(columnEntries([["a", " x@y.com "], ["b"], ["c", ""]], 1)).toEqual(["x@y.com", "", ""]);
  });

  it("names a column by its header, or by its position when it has none", () => {
    expect(columnLabel(["Email", ""], 0)).toBe("Email");
    expect(columnLabel(["Email", ""], 1)).toBe("column 2");
  });
});
