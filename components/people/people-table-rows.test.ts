import { describe, expect, it } from "vitest";
import { applyPastedList, peopleTableRows } from "./people-table-rows";
import type { PeopleDirectory } from "./directory-queries";

const dir: PeopleDirectory = {
  builtAt: 0,
  counts: { organizations: 2, people: 3, memberships: 4, groups: 1, groupMemberships: 1, roles: 0, peopleOutsideOrganizations: 0 },
  catalog: {
    type: "catalog",
    organizations: [
      { uuid: "o1", name: "Acme Legal", created_at: "2024-01-01T00:00:00Z" },
      { uuid: "o2", name: "Acme R&D", created_at: "2024-01-02T00:00:00Z" },
    ],
    groups: [{ id: "g1", name: "Engineering", source_type: "scim" }],
    roles: [{ id: "role_exp", name: "Data Exporter", organization_uuid: "o2", actions: [0, 1] }],
    actions: ["chats:export", "projects:export"],
  },
  rows: [
    { id: "user_01Ada", email: "Ada@Acme.test", full_name: "Ada", memberships: [{ organization_uuid: "o1", organization_role: "admin", joined_at: "" }, { organization_uuid: "o2", organization_role: "user", joined_at: "" }], group_ids: ["g1"], grants: [[0, 0]], roles: [0], actions: [0, 1] },
    { id: "user_01Bob", email: "bob@beta.test", full_name: "Bob", memberships: [{ organization_uuid: "o2", organization_role: "user", joined_at: "" }], group_ids: [], grants: [], roles: [], actions: [] },
    { id: "user_01Cy", email: "cy@acme.test", full_name: "Cy", memberships: [{ organization_uuid: "o1", organization_role: "owner", joined_at: "" }], group_ids: [], grants: [], roles: [], actions: [] },
  ],
};

describe("the People table rows", () => {
  const rows = peopleTableRows(dir);

  it("joins organization and group names and keeps each role once", () => {
    expect(rows[0]).toMatchObject({
      domain: "acme.test",
      organizations: ["Acme Legal", "Acme R&D"],
      organizationRoles: ["admin", "user"],
      groups: ["Engineering"],
      groupCount: 1,
    });
  });

  it("a pasted list shows just those people and names what it did not find", () => {
    const r = applyPastedList(rows, "ADA@acme.test\nuser_01Bob, nobody@acme.test\n\nada@acme.test ghost@x.y Carol");
    expect([...r.ids].sort()).toEqual(["user_01Ada", "user_01Bob"]);
    expect(r).toMatchObject({ entries: 5, found: 2, notFound: ["nobody@acme.test", "ghost@x.y"], invalid: ["Carol"], duplicates: 1 });
  });

  it("names what each person holds through groups, with the group → role path, from catalog positions", () => {
    expect(rows[0]).toMatchObject({ groupIds: ["g1"], rbacRoles: ["role_exp"], actions: ["chats:export", "projects:export"] });
    expect(rows[0]!.grants).toHaveLength(1);
    expect(rows[0]!.grants[0]).toMatchObject({ groupName: "Engineering", roleName: "Data Exporter", organizationName: "Acme R&D" });
    expect([...rows[0]!.grants[0]!.actions]).toEqual(["chats:export", "projects:export"]);
    expect(rows[1]).toMatchObject({ rbacRoles: [], actions: [], grants: [] });
  });
});
