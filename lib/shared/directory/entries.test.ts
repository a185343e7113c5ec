import { describe, expect, it } from "vitest";
import { classifyEntry, countResolution, resolveEntries, splitEntries, type PersonLookup } from "./entries";

type P = { id: string; email: string };

function lookupOf(people: P[]): PersonLookup<P> {
  const peopleByEmail = new Map<string, P[]>();
  for (const p of people) {
    const k = p.email.trim().toLowerCase();
    peopleByEmail.set(k, [...(peopleByEmail.get(k) ?? []), p]);
  }
  return { peopleById: new Map(people.map((p) => [p.id, p])), peopleByEmail };
}

const ada: P = { id: "user_01Ada", email: "Ada.Lovelace@Example.com" };
const bob: P = { id: "user_01Bob", email: "bob@example.com" };
const lookup = lookupOf([ada, bob]);

describe("resolveEntries", () => {
  it("matches emails whatever their case and surrounding spaces", () => {
    const [r] = resolveEntries(lookup, ["  ADA.lovelace@example.COM \t"]);
    expect(r).toMatchObject({ status: "matched", kind: "email", value: "ada.lovelace@example.com", people: [ada] });
  });

  it("matches user ids exactly, and does not fold their case", () => {
    const results = resolveEntries(lookup, ["user_01Bob", "user_01bob"]);
    expect(results[0]).toMatchObject({ status: "matched", kind: "user_id", people: [bob] });
    expect(results[1]).toMatchObject({ status: "unmatched", reason: "not_found" });
  });

  it("keeps blank entries as blanks instead of dropping them", () => {
    const results = resolveEntries(lookup, ["", "   ", "bob@example.com"]);
    expect(results.map((r) => r.status)).toEqual(["blank", "blank", "matched"]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it("marks a repeated entry, in any case, as a duplicate of the first", () => {
    const results = resolveEntries(lookup, ["bob@example.com", "nobody@example.com", "BOB@example.com", "nobody@EXAMPLE.com"]);
    expect(results[2]).toMatchObject({ status: "duplicate", duplicateOf: 0, reason: "same_entry" });
    expect(results[3]).toMatchObject({ status: "duplicate", duplicateOf: 1, reason: "same_entry" });
  });

  it("marks an id and the same person's email as one person entered twice", () => {
    const results = resolveEntries(lookup, ["user_01Ada", "ada.lovelace@example.com"]);
    expect(results[0]!.status).toBe("matched");
    expect(results[1]).toMatchObject({ status: "duplicate", duplicateOf: 0, reason: "same_person" });
  });

  it("reports unknown emails and text that is neither email nor id as unmatched, with the reason", () => {
    const results = resolveEntries(lookup, ["carol@example.com", "Carol Jones", "user_"]);
    expect(results[0]).toMatchObject({ status: "unmatched", reason: "not_found", kind: "email" });
    expect(results[1]).toMatchObject({ status: "unmatched", reason: "not_an_email_or_id", kind: "other" });
    expect(results[2]).toMatchObject({ status: "unmatched", reason: "not_an_email_or_id" });
  });

  it("returns every person who shares an email", () => {
    const twin: P = { id: "user_01Twin", email: "bob@example.com" };
    const [r] = resolveEntries(lookupOf([bob, twin]), ["bob@example.com"]);
    expect(r).toMatchObject({ status: "matched", people: [bob, twin] });
  });

  it("takes off what mail clients add around an address", () => {
    expect(classifyEntry("<Bob@Example.com>")).toEqual({ kind: "email", value: "bob@example.com" });
    expect(classifyEntry('"mailto:bob@example.com",')).toEqual({ kind: "email", value: "bob@example.com" });
    expect(classifyEntry("'user_01Bob'")).toEqual({ kind: "user_id", value: "user_01Bob" });
  });

  it("counts every entry under exactly one status", () => {
    const results = resolveEntries(lookup, ["", "bob@example.com", "BOB@example.com", "user_01Ada", "x@y.z"]);
    expect(countResolution(results)).toEqual({ entries: 5, blank: 1, matched: 2, unmatched: 1, duplicate: 1, people: 2 });
  });
});

describe("splitEntries", () => {
  it("splits a pasted list on lines, commas, semicolons and spaces", () => {
    expect(splitEntries("a@x.com, b@x.com;c@x.com\nuser_01Ab\r\n\n  d@x.com\te@x.com")).toEqual([
      "a@x.com",
      "b@x.com",
      "c@x.com",
      "user_01Ab",
      "d@x.com",
      "e@x.com",
    ]);
  });
});
