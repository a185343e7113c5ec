import { describe, expect, it } from "vitest";
import { columnEntries, columnLabel, parsePastedEntries, suggestIdentityColumn } from "./input";

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
