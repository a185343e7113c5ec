import { describe, expect, it } from "vitest";
import { readSources, SourceError, withGroupMembers } from "./sources";
import type { SourceInput } from "@/lib/shared/seed-lists/schema";

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64");
const directory = {
  groupsById: new Map([
    ["rbac_group_legal", { group: { id: "rbac_group_legal", name: "Legal", source_type: "direct" }, members: [{ user_id: "user_01Ada", email: "ada@x.com" }] }],
  ]),
};

describe("reading a seed list's sources", () => {
  it("reads the chosen column of an uploaded CSV, keeping blank cells as blank entries and the file's hash", () => {
    const csv = "Name,Email\r\nAda,ada@x.com\r\nBob,\r\nCarl,carl@x.com\r\n";
    const [r] = readSources([{ kind: "csv", filename: "hr.csv", content_base64: b64(csv), column: 1 }]);
    expect(r).toMatchObject({ kind: "csv", filename: "hr.csv", column_name: "Email", rows: 3, entries: ["ada@x.com", "", "carl@x.com"] });
    expect((r as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a file that is not UTF-8 with lib/shared/csv's message, naming the file", () => {
    const latin1 = new Uint8Array([...Buffer.from("Name,Email\nJos"), 0xe9, ...Buffer.from(",jose@x.com\n")]);
    expect(() => readSources([{ kind: "csv", filename: "hr.csv", content_base64: b64(latin1), column: 1 }])).toThrow(
      /hr\.csv: This file is not valid UTF-8 \(first bad byte at line 2\)/,
    );
  });

  it("refuses a column the file does not have, and content that is not base64", () => {
    expect(() => readSources([{ kind: "csv", filename: "a.csv", content_base64: b64("a,b\n1,2\n"), column: 5 }])).toThrow(/has 2 columns; column 6 does not exist/);
    expect(() => readSources([{ kind: "csv", filename: "a.csv", content_base64: "not base64!", column: 0 }])).toThrow(SourceError);
  });

  it("freezes a group's members as they are in the snapshot, and names an unknown group", () => {
    const inputs: SourceInput[] = [{ kind: "paste", text: "bob@x.com" }, { kind: "group", group_id: "rbac_group_legal" }];
    const partial = readSources(inputs);
    expect(partial[1]).toBeNull();
    expect(withGroupMembers(inputs, partial, directory)[1]).toEqual({ kind: "group", group_id: "rbac_group_legal", group_name: "Legal", entries: ["user_01Ada"] });
    const unknown: SourceInput[] = [{ kind: "group", group_id: "rbac_group_gone" }];
    expect(() => withGroupMembers(unknown, readSources(unknown), directory)).toThrow(/no group rbac_group_gone/);
  });

  it("refuses a list with nothing in it", () => {
    const inputs: SourceInput[] = [{ kind: "paste", text: "\n\n" }];
    expect(() => readSources(inputs)).toThrow(/The list is empty/);
    const emptyGroup = { groupsById: new Map([["rbac_group_e", { group: { id: "rbac_group_e", name: "E", source_type: "direct" }, members: [] }]]) };
    const group: SourceInput[] = [{ kind: "group", group_id: "rbac_group_e" }];
    expect(() => withGroupMembers(group, readSources(group), emptyGroup)).toThrow(/The list is empty/);
  });
});
