import { describe, expect, it } from "vitest";
import { facetChoices } from "./facets";

describe("facet choices", () => {
  it("keeps declared options in order and at zero", () => {
    const unique = new Map<unknown, number>([
      ["user", 40],
      ["admin", 2],
    ]);
    expect(facetChoices(unique, [{ value: "admin" }, { value: "owner" }, { value: "user" }], [])).toEqual([
      { value: "admin", label: "admin", count: 2 },
      { value: "owner", label: "owner", count: 0 },
      { value: "user", label: "user", count: 40 },
    ]);
  });

  it("lists values found in the rows, most common first, and one the API added later", () => {
    const unique = new Map<unknown, number>([
      ["b.io", 3],
      ["a.io", 3],
      ["c.io", 9],
    ]);
    expect(facetChoices(unique, undefined, []).map((c) => `${c.value}:${c.count}`)).toEqual(["c.io:9", "a.io:3", "b.io:3"]);
    expect(facetChoices(new Map([["auditor", 1]]), [{ value: "admin" }], []).map((c) => c.value)).toEqual(["admin", "auditor"]);
  });

  it("never drops a selected value that no row holds any more", () => {
    expect(facetChoices(new Map(), undefined, ["gone.io"])).toEqual([{ value: "gone.io", label: "gone.io", count: 0 }]);
  });

  it("counts multi-valued cells per value", () => {
    const unique = new Map<unknown, number>([
      [["org-a", "org-b"], 1],
      [["org-a"], 1],
    ]);
    expect(facetChoices(unique, undefined, [])).toEqual([
      { value: "org-a", label: "org-a", count: 2 },
      { value: "org-b", label: "org-b", count: 1 },
    ]);
  });
});
