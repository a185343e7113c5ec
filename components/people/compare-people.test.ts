import { describe, expect, it } from "vitest";
import type { PersonDetail } from "@/lib/shared/directory/wire";
import { comparePeople } from "./compare-people";

const org = (uuid: string, name: string, role: string) => ({ uuid, name, organization_role: role, joined_at: "2024-01-01T00:00:00Z", email: "x@y", full_name: "X" });

function person(id: string, parts: Partial<PersonDetail>): PersonDetail {
  return { builtAt: 0, person: { id, email: `${id}@acme.test`, full_name: id }, organizations: [], groups: [], roles: [], permissions: [], ...parts };
}

const eng = { id: "rbac_group_eng", name: "Engineering" };
const reviewer = { id: "rbac_role_rev", name: "Compliance Reviewer" };
const acme = { uuid: "o1", name: "Acme" };

describe("comparing two people", () => {
  const a = person("user_a", {
    organizations: [org("o1", "Acme", "admin"), org("o2", "Beta", "user")],
    groups: [{ ...eng, description: null, source_type: "scim", member_since: null, role_ids: [reviewer.id], unknown_role_ids: [] }],
    roles: [{ ...reviewer, description: null, organization: acme, via_groups: [eng], permissions: [{ action: "read", resource_type: "chat" }], permissions_error: null }],
    permissions: [{ action: "read", resource_type: "chat", resource_id: null, paths: [{ group: eng, role: reviewer, organization: acme }] }],
  });
  const b = person("user_b", { organizations: [org("o1", "Acme", "user")] });

  it("lists what only one of them holds, per category, with the path for permissions", () => {
    const diff = Object.fromEntries(comparePeople(a, b).map((d) => [d.category, d]));
    expect(diff.organizations!.onlyA.map((i) => i.label)).toEqual(["Beta"]);
    expect(diff.organizations!.both.map((i) => i.label)).toEqual(["Acme"]);
    expect(diff.organizationRoles!.onlyA.map((i) => i.label)).toEqual(["Admin (admin) in Acme", "Member (user) in Beta"]);
    expect(diff.organizationRoles!.onlyB.map((i) => i.label)).toEqual(["Member (user) in Acme"]);
    expect(diff.groups!.onlyA.map((i) => i.label)).toEqual(["Engineering"]);
    expect(diff.roles!.onlyA.map((i) => i.label)).toEqual(["Compliance Reviewer (Acme)"]);
    expect(diff.permissions!.onlyA).toEqual([{ key: expect.any(String), label: "read on chat", detail: "via Engineering → Compliance Reviewer" }]);
    expect(diff.permissions!.onlyB).toEqual([]);
  });

  it("finds nothing different between a person and themself", () => {
    for (const d of comparePeople(a, a)) {
      expect(d.onlyA).toEqual([]);
      expect(d.onlyB).toEqual([]);
    }
  });
});
