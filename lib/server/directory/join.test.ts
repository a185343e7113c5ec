import { describe, expect, it } from "vitest";
import type { Group, GroupMember, Organization, Role, User } from "@/lib/shared/compliance/schemas";
import { joinDirectory, type WalkedDirectory } from "./join";

/* The join's promises that the rest of the server reads: each record once, people in order of first appearance, emails found. */

const org = (uuid: string, name = uuid): Organization => ({ uuid, name, created_at: "2025-01-01T00:00:00Z" });
const user = (id: string, email: string, role = "user", full_name = `Name of ${id}`): User => ({ id, email, full_name, organization_role: role, created_at: "2025-01-02T00:00:00Z" });
const role = (id: string): Role => ({ id, name: `Role ${id}` });
const group = (id: string, roles: string[] = []): Group => ({ id, name: `Group ${id}`, source_type: "direct", roles });
const member = (user_id: string, email: string): GroupMember => ({ user_id, email });

function walked(o: Partial<WalkedDirectory>): WalkedDirectory {
  return { organizations: [], usersByOrganization: new Map(), rolesByOrganization: new Map(), groups: [], membersByGroup: new Map(), startedAt: 1, builtAt: 2, pages: 3, ...o };
}

describe("joinDirectory", () => {
  const a = org("org-a", "Acme");
  const b = org("org-b", "Beta");

  it("keeps the first record of a user an organization lists twice (a row repeated across pages), and counts it once", () => {
    const first = user("user_1", "one@acme.com", "admin");
    const d = joinDirectory(
      walked({
        organizations: [a, b, a],
        usersByOrganization: new Map([
          [a.uuid, [first, user("user_2", "two@acme.com"), user("user_1", "one@acme.com", "owner")]],
          [b.uuid, [user("user_1", "one@beta.com", "user")]],
        ]),
      }),
    );
    expect(d.organizations.map((o) => o.uuid)).toEqual(["org-a", "org-b"]);
    expect(d.counts).toMatchObject({ organizations: 2, people: 2, memberships: 3 });
    const one = d.peopleById.get("user_1")!;
    expect(one.memberships.map((m) => [m.organization.uuid, m.organizationRole])).toEqual([
      ["org-a", "admin"],
      ["org-b", "user"],
    ]);
    expect(one.memberships[0]!.user).toBe(first);
    expect(d.people.map((p) => p.id)).toEqual(["user_1", "user_2"]);
  });

  it("keeps the first record of a group member listed twice, and adds people only groups list, after the organizations' people", () => {
    const g = group("g1", ["r1", "r-missing"]);
    const d = joinDirectory(
      walked({
        organizations: [a],
        usersByOrganization: new Map([[a.uuid, [user("user_1", "one@acme.com")]]]),
        rolesByOrganization: new Map([[a.uuid, [role("r1"), role("r1")]]]),
        groups: [g, group("g2"), g],
        membersByGroup: new Map([
          ["g1", [member("user_9", "Nine@Elsewhere.com "), member("user_1", "one@acme.com"), member("user_9", "nine@elsewhere.com")]],
          ["g2", [member("user_1", "one@acme.com")]],
        ]),
      }),
    );
    expect(d.groups.map((x) => x.group.id)).toEqual(["g1", "g2"]);
    expect(d.groupsById.get("g1")!.members.map((m) => m.user_id)).toEqual(["user_9", "user_1"]);
    expect(d.counts).toMatchObject({ people: 2, memberships: 1, groups: 2, groupMemberships: 3, roles: 1, peopleOutsideOrganizations: 1 });
    expect(d.people.map((p) => p.id)).toEqual(["user_1", "user_9"]);
    const nine = d.peopleById.get("user_9")!;
    expect(nine).toMatchObject({ email: "Nine@Elsewhere.com ", fullName: "", memberships: [] });
    expect(nine.groups.map((x) => x.group.id)).toEqual(["g1"]);
    expect(d.peopleById.get("user_1")!.groups.map((x) => x.group.id)).toEqual(["g1", "g2"]);
    expect(d.groupRoles.get("g1")!.map((r) => r.role.id)).toEqual(["r1"]);
    expect(d.unknownRoleIds.get("g1")).toEqual(["r-missing"]);
  });

  it("finds a person by every email an organization or a group lists them under, trimmed and in lower case, once each", () => {
    const d = joinDirectory(
      walked({
        organizations: [a, b],
        usersByOrganization: new Map([
          [a.uuid, [user("user_1", "Jane@Acme.com")]],
          [b.uuid, [user("user_1", "jane@beta.com"), user("user_2", "jane@acme.com")]],
        ]),
        groups: [group("g1")],
        membersByGroup: new Map([["g1", [member("user_1", " JANE@ACME.COM"), member("user_3", "")]]]),
      }),
    );
    expect(d.peopleByEmail.get("jane@acme.com")!.map((p) => p.id)).toEqual(["user_1", "user_2"]);
    expect(d.peopleByEmail.get("jane@beta.com")!.map((p) => p.id)).toEqual(["user_1"]);
    expect([...d.peopleByEmail.keys()].sort()).toEqual(["jane@acme.com", "jane@beta.com"]);
  });
});
