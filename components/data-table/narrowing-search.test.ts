import { describe, expect, it } from "vitest";
import { joinKey, KEY_SEPARATOR, NarrowingSearch, type SearchPassInput } from "./narrowing-search";

const values = [
  ["ann lee", "ann@acme.io", "user_01"],
  ["bob annson", "bob@acme.io", "user_02"],
  ["cy", "cy@other.org", "user_03"],
  ["di", "di@other.org", "user_04"],
  ["", "nan@acme.io", "user_05"],
];
const rows = values.map(joinKey);

/** The answer with no memory: every row, every value. */
const plain = (needle: string, passes: (i: number) => boolean = () => true) =>
  values.flatMap((v, i) => ((needle === "" || v.some((x) => x.includes(needle))) && passes(i) ? [i] : []));

function runner(passes: (i: number) => boolean = () => true, filters: unknown = "f") {
  const search = new NarrowingSearch();
  const looked: number[] = [];
  const input = (needle: string): SearchPassInput => ({
    rows,
    filters,
    count: rows.length,
    keys: rows,
    valuesOf: (i) => values[i]!,
    needle,
    passes: (i) => {
      looked.push(i);
      return passes(i);
    },
  });
  return { search, input, looked };
}

describe("NarrowingSearch", () => {
  it("answers as a plain search for every step of typing, deleting and changing the text in the middle", () => {
    const { search, input } = runner();
    for (const needle of ["a", "an", "ann", "anns", "ann", "an", "", "n", "nn", "ann", "a@n", "ann", "bnn", "b", "acme", "acne", "acme.io", "cme", "user_0", "user_05"]) {
      expect(search.match(input(needle)), needle).toEqual(plain(needle));
    }
  });

  it("narrows only from a previous search the new one contains: a deleted letter looks at every row again", () => {
    const { search, input, looked } = runner();
    search.match(input("an"));
    looked.length = 0;
    search.match(input("ann"));
    // Only the rows "an" matched were candidates; none needed the other filters again.
    expect(looked).toEqual([]);
    expect(search.match(input("an"))).toEqual(plain("an"));
    expect(looked).toEqual(plain("an"));
  });

  it("a change in the middle that keeps the old text narrows; one that drops it does not", () => {
    const { search, input } = runner();
    expect(search.match(input("acme"))).toEqual([0, 1, 4]);
    // "acne" does not contain "acme": every row is looked at again (and none matches).
    expect(search.match(input("acne"))).toEqual([]);
    expect(search.match(input("a"))).toEqual(plain("a"));
    // Typed before the old text: still contains it, narrowing is exact.
    expect(search.match(input("na"))).toEqual(plain("na"));
  });

  it("applies the other filters, and starts over when they, or the rows, change", () => {
    const evenOnly = (i: number) => i % 2 === 0;
    const { search, input } = runner(evenOnly);
    expect(search.match(input(""))).toEqual([0, 2, 4]);
    expect(search.match(input("a"))).toEqual(plain("a", evenOnly));
    // Other filters (a new identity): the remembered matches no longer apply.
    const all = { ...input("an"), filters: "other", passes: () => true };
    expect(search.match(all)).toEqual(plain("an"));
    const fewer = rows.slice(0, 2);
    expect(search.match({ ...input("ann"), rows: fewer, count: fewer.length, keys: fewer, filters: "other", passes: () => true })).toEqual([0, 1]);
  });

  it("never matches across two values of a row", () => {
    const { search, input } = runner();
    expect(search.match(input(`lee${KEY_SEPARATOR}ann`))).toEqual([]);
    expect(search.match(input("leeann"))).toEqual([]);
  });
});
