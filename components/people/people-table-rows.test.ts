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
  },
  rows: [
    { id: "user_01Ada", email: "Ada@Acme.test", full_name: "Ada", memberships: [{ organization_uuid: "o1", organization_role: "admin", joined_at: "" }, { organization_uuid: "o2", organization_role: "user", joined_at: "" }], group_ids: ["g1"] },
    { id: "user_01Bob", email: "bob@beta.test", full_name: "Bob", memberships: [{ organization_uuid: "o2", organization_role: "user", joined_at: "" }], group_ids: [] },
    { id: "user_01Cy", email: "cy@acme.test", full_name: "Cy", memberships: [{ organization_uuid: "o1", organization_role: "owner", joined_at: "" }], group_ids: [] },
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
});
