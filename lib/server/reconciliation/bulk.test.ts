import { describe, expect, it } from "vitest";
import { bulkLayout, groupBulkRecords } from "./bulk";

const groups = [
  { id: "rbac_group_legal", name: "Legal" },
  { id: "rbac_group_eng", name: "Engineering" },
  { id: "rbac_group_ops1", name: "Ops" },
  { id: "rbac_group_ops2", name: "Ops" },
];

describe("bulkLayout", () => {
  it("recognises a header row and places the columns by their names", () => {
    expect(bulkLayout([["group_name_or_id", "email"], ["Legal", "a@x.com"]])).toEqual({ header: true, groupColumn: 0, entryColumn: 1 });
    expect(bulkLayout([["Email", "Group"], ["a@x.com", "Legal"]])).toEqual({ header: true, groupColumn: 1, entryColumn: 0 });
  });

  it("reads a file without a header as group, email", () => {
    expect(bulkLayout([["Legal", "a@x.com"]])).toEqual({ header: false, groupColumn: 0, entryColumn: 1 });
    // A group literally named "Group users" with an email beside it is data, not a header.
    expect(bulkLayout([["Group users", "a@x.com"]])).toEqual({ header: false, groupColumn: 0, entryColumn: 1 });
  });
});

describe("groupBulkRecords", () => {
  const groupRecords = (records: string[][], firstRecordNumber?: number) => groupBulkRecords(records, { groupColumn: 0, entryColumn: 1 }, groups, firstRecordNumber);

  it("groups records by group id or name (any case), in file order", () => {
    const g = groupRecords([
      ["Legal", "a@x.com"],
      ["rbac_group_eng", "b@x.com"],
      [" legal ", "c@x.com"],
      ["ENGINEERING", "d@x.com"],
    ]);
    expect(g.groups.map((x) => [x.group.id, x.entries])).toEqual([
      ["rbac_group_legal", ["a@x.com", "c@x.com"]],
      ["rbac_group_eng", ["b@x.com", "d@x.com"]],
    ]);
    expect(g.unknown).toEqual([]);
  });

  it("reports unknown and ambiguous group names with their record numbers and entries", () => {
    const g = groupRecords(
      [
        ["Legal", "a@x.com"],
        ["Finance", "b@x.com"],
        ["Ops", "c@x.com"],
        ["Finance", "d@x.com"],
        ["", "e@x.com"],
        ["", ""],
      ],
      2,
    );
    expect(g.unknown).toEqual([
      { name: "Finance", row_numbers: [3, 5], entries: ["b@x.com", "d@x.com"] },
      { name: "Ops", row_numbers: [4], entries: ["c@x.com"], ambiguous_ids: ["rbac_group_ops1", "rbac_group_ops2"] },
    ]);
    expect(g.withoutGroup).toEqual([6]);
  });
});
