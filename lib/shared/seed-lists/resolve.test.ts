import { describe, expect, it } from "vitest";
import { compareResolutions, comparisonIsEmpty } from "./compare";
import { seedListCsv, seedListFilename, seedListIdsText, seedListQueryJson } from "@/lib/server/seed-lists/downloads";
import { describeSources, resolveSeedList } from "./resolve";
import type { SourceRecord } from "./schema";
import { lookupOf, org, person } from "@/lib/tools/testing/seed-lists/people";

const legal = org("11111111-1111-4111-8111-111111111111", "Acme Legal");
const labs = org("22222222-2222-4222-8222-222222222222", "Acme Labs, Inc.");
const ada = person("user_01Ada", "Ada.Lovelace@Example.com", "Ada Lovelace", [legal, labs]);
const bob = person("user_01Bob", "bob@example.com", '=HYPERLINK("x")', [labs]);
const gus = person("user_01Gus", "gus@example.com", "Gus Grouponly");
const directory = lookupOf([ada, bob, gus]);
const ctx = { lookup: directory, directoryBuiltAt: Date.parse("2026-05-01T10:00:00Z"), officer: "auditor", now: new Date("2026-05-01T10:05:00Z") };

const paste = (entries: string[], blank = 0): SourceRecord => ({ kind: "paste", entries, blank_lines: blank });

describe("resolveSeedList", () => {
  it("accounts for every entry: matched, unmatched, duplicates and blanks, each counted", () => {
    const r = resolveSeedList(
      [paste(["ADA.LOVELACE@example.com", "", "nobody@example.com", "ada.lovelace@example.com", "not an email", "user_01Bob"], 1)],
      ctx,
    );
    expect(r.entries.map((e) => e.status)).toEqual(["matched", "blank", "unmatched", "duplicate", "unmatched", "matched"]);
    expect(r.counts).toEqual({ entries: 6, blank: 1, matched: 2, unmatched: 2, duplicate: 1, people: 2 });
    expect(r.entries[3]).toMatchObject({ duplicate_of: 0, reason: "same_entry" });
    expect(r.entries[2]).toMatchObject({ reason: "not_found" });
  });

  it("lists each matched person once with their organizations, in the order first matched", () => {
    const r = resolveSeedList([paste(["user_01Bob", "ada.lovelace@example.com", "bob@EXAMPLE.com"])], ctx);
    expect(r.people.map((p) => p.user_id)).toEqual(["user_01Bob", "user_01Ada"]);
    expect(r.people[1]).toEqual({
      user_id: "user_01Ada",
      email: "Ada.Lovelace@Example.com",
      full_name: "Ada Lovelace",
      organization_uuids: [legal.uuid, labs.uuid],
      organization_names: ["Acme Legal", "Acme Labs, Inc."],
    });
    // An id and that person's email: the second is a repeat of the same person.
    expect(r.entries[2]).toMatchObject({ status: "duplicate", reason: "same_person", duplicate_of: 0 });
  });

  it("finds repeats across sources and remembers which source each entry came from", () => {
    const group: SourceRecord = { kind: "group", group_id: "rbac_group_1", group_name: "Legal", entries: ["user_01Ada", "user_01Gus"] };
    const r = resolveSeedList([paste(["ada.lovelace@example.com"]), group], ctx);
    expect(r.entries.map((e) => [e.source, e.status])).toEqual([
      [0, "matched"],
      [1, "duplicate"],
      [1, "matched"],
    ]);
    expect(r.people.find((p) => p.user_id === "user_01Gus")?.organization_uuids).toEqual([]);
    expect(describeSources([paste(["a", "b"]), group])).toBe("pasted (2), group Legal (2)");
  });

  it("records who resolved it, when, and against which snapshot", () => {
    const r = resolveSeedList([paste(["user_01Ada"])], ctx);
    expect(r).toMatchObject({ resolved_by: "auditor", resolved_at: "2026-05-01T10:05:00.000Z", directory_built_at: "2026-05-01T10:00:00.000Z" });
  });
});

describe("the downloads of a resolved list", () => {
  const r = resolveSeedList([paste(["ada.lovelace@example.com", "nobody@x.com", "user_01Bob"])], ctx);

  it("CSV: user_id,email,full_name,organization_uuids with the uuids joined by ';' and formulas guarded", () => {
    expect(seedListCsv(r)).toBe(
      "user_id,email,full_name,organization_uuids\r\n" +
        `user_01Ada,Ada.Lovelace@Example.com,Ada Lovelace,${legal.uuid};${labs.uuid}\r\n` +
        `user_01Bob,bob@example.com,"'=HYPERLINK(""x"")",${labs.uuid}\r\n`,
    );
  });

  it("text: exactly the matched ids, one per line, nothing else", () => {
    expect(seedListIdsText(r)).toBe("user_01Ada\nuser_01Bob\n");
  });

  it("JSON: actor_ids and user_ids for the Activity Feed and chats, with every organization they are in", () => {
    expect(seedListQueryJson(r)).toEqual({ actor_ids: ["user_01Ada", "user_01Bob"], user_ids: ["user_01Ada", "user_01Bob"], organization_ids: [legal.uuid, labs.uuid] });
  });

  it("names the file after the list, safely", () => {
    expect(seedListFilename('Legal hold: "Q2" / Ådå', "txt", new Date("2026-05-01T00:00:00Z"))).toBe("seed-list-legal-hold-q2-ada-2026-05-01.txt");
  });
});

describe("compareResolutions", () => {
  it("names people added and removed, entries newly unmatched or matched, and changed details", () => {
    const entries = paste(["ada.lovelace@example.com", "bob@example.com", "new@example.com"]);
    const before = resolveSeedList([entries], ctx);
    const newcomer = person("user_01New", "new@example.com", "New Person", [legal]);
    const adaMoved = person("user_01Ada", "Ada.Lovelace@Example.com", "Ada King", [legal]);
    const after = resolveSeedList([entries], { ...ctx, lookup: lookupOf([adaMoved, newcomer, gus]) });
    const c = compareResolutions(1, before, 2, after);
    expect(c.added.map((p) => p.user_id)).toEqual(["user_01New"]);
    expect(c.removed.map((p) => p.user_id)).toEqual(["user_01Bob"]);
    expect(c.newly_unmatched.map((e) => e.input)).toEqual(["bob@example.com"]);
    expect(c.newly_matched.map((e) => e.input)).toEqual(["new@example.com"]);
    expect(c.changed).toEqual([expect.objectContaining({ fields: ["full_name", "organization_uuids"] })]);
    expect(comparisonIsEmpty(compareResolutions(1, before, 2, before))).toBe(true);
  });
});
