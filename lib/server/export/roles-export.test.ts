import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Organization, Permission, Role } from "@/lib/shared/compliance/schemas";
import { guardFormula } from "@/lib/shared/csv/formula-guard";
import { cellText } from "@/lib/shared/csv/write";
import { directoryCsvStream } from "./directory-csv";
import { directoryQuery, pagesOf, readAll, stubSource, setUpExportHarness, expectAuditedExport, drainUntilError, expectWholeCsvExport, organizationExport } from "@/lib/tools/testing/export-test-harness";
import { ROLES_EXPORT_COLUMNS, rolesExport } from "./roles-export";

/*
 * roles.csv against the simulator over real HTTP: what an officer downloads is every role of
 * every organization with every permission it grants, row for row.
 */

const h = setUpExportHarness({ seed: "roles-export", orgUserCounts: [30, 5, 12], groups: 2 });

const cells = (values: unknown[]) => values.map((v) => guardFormula(cellText(v as never)));

/** The rows the simulator's data says roles.csv must hold, in order. */
function expectedRows(orgs: readonly Organization[]): string[][] {
  return orgs.flatMap((org) =>
    h.sim.directory.rolesOf(org.uuid).flatMap((role) => {
      const head = [org.uuid, org.name, role.id, role.name, role.description];
      const perms = h.sim.directory.permissionsOf(org.uuid, role.id);
      return perms.length === 0 ? [cells([...head, null, null, null])] : perms.map((p) => cells([...head, p.action, p.resource_type, p.resource_id]));
    }),
  );
}

const exportRoles = (qs = "") => organizationExport(h, "roles", qs, rolesExport);

describe("roles.csv against the simulator", () => {
  it("holds every permission of every role of every organization, with the header, and logs the export", async () => {
    const expected = expectedRows(h.sim.directory.organizations);
    // The first organization holds a role with more permissions than one page carries.
    expect(expected.length).toBeGreaterThan(1000);
    const { body } = await expectWholeCsvExport(await exportRoles(), ROLES_EXPORT_COLUMNS, expected);

    await expectAuditedExport(h.audit, body, { actor: "officer", action: "export", target: "roles.csv", outcome: "completed", rows: expected.length });
  });

  it("exports only the organizations asked for, in upstream order, with a byte-order mark for Excel", async () => {
    const [a, , c] = h.sim.directory.organizations;
    const body = await readAll(await exportRoles(`org=${c!.uuid}&org=${a!.uuid.toUpperCase()}&bom=1`));
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = (parse(body, { bom: true }) as string[][]).slice(1);
    expect(rows).toEqual(expectedRows([a!, c!]));
    expect((await h.audit.list()).entries[0]).toMatchObject({ filters: { org: [c!.uuid, a!.uuid], bom: true }, outcome: "completed" });
  });

  it("an upstream that fails from the fourth permissions list on leaves an errored body and an aborted audit entry", async () => {
    await h.faults([{ path: "/permissions$", skip: 3, kind: "status", status: 503 }]);
    const sent = await drainUntilError(await exportRoles());
    const rows = (parse(sent, { relax_quotes: true, relax_column_count: true }) as string[][]).slice(1);
    const first = h.sim.directory.organizations[0]!;
    const roles = h.sim.directory.rolesOf(first.uuid);
    // The first three roles' permissions arrived, then nothing more.
    const sentRoles = new Set(rows.map((r) => r[2]));
    expect([...sentRoles]).toEqual(roles.slice(0, 3).map((r) => r.id));
    expect(rows).toEqual(expectedRows([first]).slice(0, rows.length));

    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ target: "roles.csv", outcome: "aborted", rows: rows.length, bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
    expect(entry!.detail).toBeTruthy();
    expect((await h.log()).filter((e) => e.status === 503).length).toBeGreaterThan(1);
  });
});

describe("roles.csv rows", () => {
  const org: Organization = { uuid: "0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f", name: "=Acme, \"Legal\"", created_at: "2024-01-01T00:00:00Z" };
  const roles: Role[] = [
    { id: "rbac_role_empty", name: "Nothing yet", description: null },
    { id: "rbac_role_formula", name: "@Admins", description: "-grants all\nsecond line" },
  ];
  const permissions: Record<string, Permission[]> = {
    rbac_role_formula: [{ action: "+projects:read", resource_type: "project", resource_id: "proj_1" }],
  };
  const source = stubSource({
    rolePages: () => pagesOf(roles),
    permissionPages: (_org, roleId) => pagesOf(permissions[roleId] ?? []),
  });

  it("gives a role without permissions one row with empty permission cells, and guards formula cells", async () => {
    const exp = rolesExport({ source, organizations: [org], query: directoryQuery("roles") });
    const body = await readAll(directoryCsvStream(exp, { audit: h.audit, actor: "officer", bom: false }));
    expect(parse(body)).toEqual([
      [...ROLES_EXPORT_COLUMNS],
      [org.uuid, "'=Acme, \"Legal\"", "rbac_role_empty", "Nothing yet", "", "", "", ""],
      [org.uuid, "'=Acme, \"Legal\"", "rbac_role_formula", "'@Admins", "'-grants all\nsecond line", "'+projects:read", "project", "proj_1"],
    ]);
    expect((await h.audit.list()).entries[0]).toMatchObject({ rows: 2, outcome: "completed" });
  });
});
