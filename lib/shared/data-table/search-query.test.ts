import { describe, expect, it } from "vitest";
import { extractIdsAndEmails, parseSearch } from "./search-query";

describe("what an officer types into a search box", () => {
  it("is a case-insensitive 'contains' for a word or a single id", () => {
    expect(parseSearch("  Ann ")).toEqual({ kind: "text", needle: "ann" });
    expect(parseSearch("user_01ABC")).toEqual({ kind: "text", needle: "user_01abc" });
    expect(parseSearch("ann lee")).toEqual({ kind: "text", needle: "ann lee" });
  });

  it("is nothing when blank", () => {
    expect(parseSearch("   ")).toEqual({ kind: "none" });
  });

  it("is 'exactly these' for a pasted list, one per line or comma separated", () => {
    const m = parseSearch("user_01AAA\nAnn@Example.com, user_02BBB\n\n");
    expect(m.kind).toBe("list");
    if (m.kind === "list") expect([...m.values]).toEqual(["user_01aaa", "ann@example.com", "user_02bbb"]);
  });

  it("finds the addresses in mail-client and JSON forms", () => {
    expect(extractIdsAndEmails('Ann Lee <ann@x.io>, "Bob" <bob@x.io>')).toEqual(["ann@x.io", "bob@x.io"]);
    expect(extractIdsAndEmails('["user_1a","user_2b"]')).toEqual(["user_1a", "user_2b"]);
  });

  it("keeps each entry once, whatever its case", () => {
    expect(extractIdsAndEmails("a@x.io A@X.IO b@x.io")).toEqual(["a@x.io", "b@x.io"]);
  });
});
