import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Group, GroupMember } from "@/lib/shared/compliance/schemas";
import { guardFormula } from "@/lib/shared/csv/formula-guard";
import { cellText } from "@/lib/shared/csv/write";
import { directoryCsvStream } from "./directory-csv";
import { directoryQuery, pagesOf, readAll, stubSource, setUpExportHarness, expectAuditedExport, drainUntilError, expectWholeCsvExport } from "@/lib/tools/testing/export-test-harness";
import { GROUPS_EXPORT_COLUMNS, groupsExport, selectGroups } from "./groups-export";
import { ExportRefusal } from "./refusal";

/*
 * groups.csv against the simulator over real HTTP: every group of the parent with every member,
 * row for row, as the simulator's directory holds them.
 */

// The first group is everyone in the largest organization: 1,200 members make two member pages.
const h = setUpExportHarness({ seed: "groups-export", orgUserCounts: [1200, 40, 25], groups: 8 });

const never = () => new AbortController().signal;
const cells = (values: unknown[]) => values.map((v) => guardFormula(cellText(v as never)));

function expectedRows(groups: readonly Group[]): string[][] {
  return groups.flatMap((g) => {
    const head = [g.id, g.name, g.source_type, (g.roles ?? []).join(";")];
    const members = h.sim.directory.membersOf(g.id);
    return members.length === 0 ? [cells([...head, null, null, null])] : members.map((m) => cells([...head, m.user_id, m.email, m.created_at]));
  });
}

async function exportGroups(qs = "") {
  const query = directoryQuery("groups", qs);
  const groups = query.groups.length > 0 ? await selectGroups(h.source, query.groups, never()) : undefined;
  return h.stream(groupsExport({ source: h.source, groups, query }), { bom: query.bom });
}

describe("groups.csv against the simulator", () => {
  it("holds every member of every group, role ids joined with ';', and logs the export", async () => {
    const expected = expectedRows(h.sim.directory.groups);
    const { body, rows } = await expectWholeCsvExport(await exportGroups(), GROUPS_EXPORT_COLUMNS, expected);
    expect(h.sim.directory.groups.some((g) => (g.roles?.length ?? 0) > 1)).toBe(true);
    expect(rows.some((r) => r[3]!.includes(";"))).toBe(true);

    await expectAuditedExport(h.audit, body, { target: "groups.csv", outcome: "completed", rows: expected.length, filters: {} });
  });

  it("exports only the groups asked for, in upstream order", async () => {
    const [, b, , d] = h.sim.directory.groups;
    const body = await readAll(await exportGroups(`group=${d!.id}&group=${b!.id}`));
    expect((parse(body) as string[][]).slice(1)).toEqual(expectedRows([b!, d!]));
    expect((await h.audit.list()).entries[0]).toMatchObject({ filters: { group: [d!.id, b!.id] } });
  });

  it("refuses an unknown group with a 404 before any members request", async () => {
    await expect(selectGroups(h.source, ["rbac_group_nope"], never())).rejects.toMatchObject({ constructor: ExportRefusal, status: 404 });
    expect((await h.log()).filter((e) => e.path.endsWith("/members"))).toHaveLength(0);
  });

  it("an upstream that fails on the second page of members leaves an errored body and an aborted audit entry", async () => {
    await h.faults([{ path: "/members$", skip: 1, kind: "status", status: 503 }]);
    const sent = await drainUntilError(await exportGroups());
    const rows = (parse(sent, { relax_quotes: true, relax_column_count: true }) as string[][]).slice(1);
    // Exactly the first page of the first group's members arrived.
    expect(rows).toEqual(expectedRows([h.sim.directory.groups[0]!]).slice(0, 1000));
    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ target: "groups.csv", outcome: "aborted", rows: 1000, bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
  });
});

describe("groups.csv rows", () => {
  const groups: Group[] = [
    { id: "rbac_group_empty", name: "Nobody yet", source_type: "direct", roles: null },
    { id: "rbac_group_formula", name: "=HYPERLINK(\"http://x\")", source_type: "scim", roles: ["rbac_role_a", "rbac_role_b"] },
  ];
  const members: Record<string, GroupMember[]> = {
    rbac_group_formula: [{ user_id: "user_1", email: "@ttacker@example.com", created_at: "2025-03-12T18:22:41.123456" }],
  };
  const source = stubSource({ groupPages: () => pagesOf(groups), memberPages: (id) => pagesOf(members[id] ?? []) });

  it("gives a group without members one row with empty member cells, and guards formula cells", async () => {
    const exp = groupsExport({ source, query: directoryQuery("groups") });
    const body = await readAll(directoryCsvStream(exp, { audit: h.audit, actor: "officer", bom: false }));
    expect(parse(body)).toEqual([
      [...GROUPS_EXPORT_COLUMNS],
      ["rbac_group_empty", "Nobody yet", "direct", "", "", "", ""],
      ["rbac_group_formula", "'=HYPERLINK(\"http://x\")", "scim", "rbac_role_a;rbac_role_b", "user_1", "'@ttacker@example.com", "2025-03-12T18:22:41.123456"],
    ]);
  });
});
