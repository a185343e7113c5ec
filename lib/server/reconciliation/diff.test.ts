import { describe, expect, it } from "vitest";
import { lookupOf, person } from "@/lib/tools/testing/seed-lists/people";
import { combinedRows, reconciliationListRows } from "./csv";
import { reconcileGroup } from "./diff";

const ada = person("user_01Ada", "Ada@Example.com", "Ada Lovelace");
const bob = person("user_01Bob", "bob@example.com", "Bob Roe");
const cy = person("user_01Cy", "cy@example.com", "Cy Young");
const dee = person("user_01Dee", "dee@example.com", "Dee Dee");
const directory = lookupOf([ada, bob, cy, dee]);
const legal = { group: { id: "rbac_group_legal", name: "Legal" }, members: [ada, bob, cy].map((p) => ({ user_id: p.id, email: p.email })) };

describe("reconcileGroup", () => {
  it("splits into in both, unexpected access and missing, matching emails in any case", () => {
    const r = reconcileGroup(legal, ["ADA@example.COM", "user_01Bob", "dee@example.com"], directory);
    expect(r.in_both.map((x) => x.user_id)).toEqual(["user_01Ada", "user_01Bob"]);
    expect(r.unexpected).toEqual([{ status: "unexpected", user_id: "user_01Cy", email: "cy@example.com", full_name: "Cy Young", in_directory: true }]);
    expect(r.missing).toEqual([{ status: "missing", user_id: "user_01Dee", email: "dee@example.com", full_name: "Dee Dee", input: "dee@example.com", in_directory: true }]);
    expect(r.counts).toMatchObject({ members: 3, expected_entries: 3, in_both: 2, unexpected: 1, missing: 1, missing_not_in_directory: 0 });
  });

  it("lists expected entries that match no directory user as missing, marked as not in the directory", () => {
    const r = reconcileGroup(legal, ["ada@example.com", "bob@example.com", "cy@example.com", "ghost@example.com", "user_01Nope"], directory);
    expect(r.missing.map((x) => [x.email, x.user_id, x.in_directory])).toEqual([
      ["ghost@example.com", null, false],
      ["", "user_01Nope", false],
    ]);
    expect(r.counts.missing_not_in_directory).toBe(2);
    expect(r.unexpected).toEqual([]);
  });

  it("accounts for blanks, repeats and unreadable entries instead of dropping them", () => {
    const r = reconcileGroup(legal, ["ada@example.com", "", "Ada@Example.com", "user_01Ada", "see attached", "ghost@x.com", "GHOST@x.com"], directory);
    expect(r.counts).toMatchObject({ expected_entries: 7, in_both: 1, missing: 1, blank: 1, duplicate: 3, not_understood: 1 });
    expect(r.skipped).toEqual([
      { index: 2, input: "Ada@Example.com", reason: "same_entry", duplicate_of: 0 },
      { index: 3, input: "user_01Ada", reason: "same_person", duplicate_of: 0 },
      { index: 4, input: "see attached", reason: "not_an_email_or_id" },
      { index: 6, input: "GHOST@x.com", reason: "same_entry", duplicate_of: 5 },
    ]);
    const sum = r.counts.in_both + r.counts.missing + r.counts.blank + r.counts.duplicate + r.counts.not_understood;
    expect(sum).toBe(r.counts.expected_entries);
  });

  it("matches a member by the email the group lists even when the directory has another", () => {
    const renamed = { ...legal, members: [{ user_id: "user_01Ada", email: "ada.old@example.com" }] };
    const r = reconcileGroup(renamed, ["ADA.OLD@example.com"], directory);
    expect(r.in_both.map((x) => x.user_id)).toEqual(["user_01Ada"]);
    const r2 = reconcileGroup(renamed, ["ada@example.com"], directory);
    expect(r2.in_both.map((x) => x.email)).toEqual(["ada.old@example.com"]);
  });

  it("writes each list and the combined file with the group on every row", () => {
    const r = reconcileGroup(legal, ["ada@example.com", "dee@example.com", "ghost@x.com", "n/a"], directory);
    expect(reconciliationListRows(r.missing)).toEqual([
      ["missing", "dee@example.com", "user_01Dee", "Dee Dee", "dee@example.com"],
      ["missing", "ghost@x.com", "", "", "ghost@x.com"],
    ]);
    expect(combinedRows([r], [{ name: "Nope", row_numbers: [7], entries: ["x@y.com"] }])).toEqual([
      ["rbac_group_legal", "Legal", "in_both", "Ada@Example.com", "user_01Ada", "Ada Lovelace"],
      ["rbac_group_legal", "Legal", "unexpected", "bob@example.com", "user_01Bob", "Bob Roe"],
      ["rbac_group_legal", "Legal", "unexpected", "cy@example.com", "user_01Cy", "Cy Young"],
      ["rbac_group_legal", "Legal", "missing", "dee@example.com", "user_01Dee", "Dee Dee"],
      ["rbac_group_legal", "Legal", "missing", "ghost@x.com", "", ""],
      ["rbac_group_legal", "Legal", "not_understood", "n/a", "", ""],
      ["", "Nope", "unknown_group", "x@y.com", "", ""],
    ]);
  });
});
