import { describe, expect, it } from "vitest";
import { buildRoleIndex, groupsGrantingRole, resolveGroupRoles, roleNamesText } from "./role-index";
import { buildUserDirectory, joinMembers, memberCsvRecord } from "./member-directory";

const orgA = { uuid: "aaaaaaaa-0000-0000-0000-000000000001", name: "Alpha" };
const orgB = { uuid: "bbbbbbbb-0000-0000-0000-000000000002", name: "Beta" };

describe("a group's roles, resolved through every organization's roles", () => {
  const index = buildRoleIndex([
    { organization: orgA, roles: [{ id: "rbac_role_1", name: "Reviewer" }] },
    { organization: orgB, roles: [{ id: "rbac_role_2", name: "Admin" }] },
  ]);

  it("names each role and the organization that defines it", () => {
    expect(resolveGroupRoles({ roles: ["rbac_role_2", "rbac_role_1"] }, index)).toEqual([
      { id: "rbac_role_2", resolved: true, name: "Admin", orgUuid: orgB.uuid, orgName: "Beta" },
      { id: "rbac_role_1", resolved: true, name: "Reviewer", orgUuid: orgA.uuid, orgName: "Alpha" },
    ]);
  });

  it("keeps a role id whose organization is unknown as the raw id", () => {
    const roles = resolveGroupRoles({ roles: ["rbac_role_gone"] }, index);
    expect(roles).toEqual([{ id: "rbac_role_gone", resolved: false }]);
    expect(roleNamesText(roles)).toBe("rbac_role_gone");
  });

  it("a group with null roles grants nothing", () => {
    expect(resolveGroupRoles({ roles: null }, index)).toEqual([]);
  });

  it("the groups that grant a role are exactly those whose roles array names it", () => {
    const groups = [
      { id: "g1", roles: ["rbac_role_1"] },
      { id: "g2", roles: null },
      { id: "g3", roles: ["rbac_role_2", "rbac_role_1"] },
      { id: "g4", roles: ["rbac_role_10"] },
    ];
    expect(groupsGrantingRole(groups, "rbac_role_1").map((g) => g.id)).toEqual(["g1", "g3"]);
  });
});

describe("group members joined with the organization users lists", () => {
  const directory = buildUserDirectory([
    { organization: orgA, users: [{ id: "user_1", full_name: "Ada Lovelace", email: "ada@x.example", created_at: "2025-01-01T00:00:00Z", organization_role: "admin" }] },
    { organization: orgB, users: [{ id: "user_1", full_name: "Ada Lovelace", email: "ada@x.example", created_at: "2025-01-02T00:00:00Z", organization_role: "user" }] },
  ]);

  it("a member gets the full name and every organization they belong to", () => {
    const [row] = joinMembers([{ user_id: "user_1", email: "ada@x.example", created_at: "2025-02-01T00:00:00Z" }], directory);
    expect(row!.fullName).toBe("Ada Lovelace");
    expect(row!.memberships.map((m) => `${m.orgName}:${m.organizationRole}`)).toEqual(["Alpha:admin", "Beta:user"]);
    expect(memberCsvRecord(row!)).toEqual([
      "user_1",
      "ada@x.example",
      "Ada Lovelace",
      `${orgA.uuid}; ${orgB.uuid}`,
      "Alpha; Beta",
      "admin; user",
      "2025-02-01T00:00:00Z",
    ]);
  });

  it("a member in no organization list keeps the email and has no name", () => {
    const [row] = joinMembers([{ user_id: "user_9", email: "ghost@x.example" }], directory);
    expect(row).toMatchObject({ userId: "user_9", email: "ghost@x.example", fullName: undefined, memberships: [] });
  });
});
