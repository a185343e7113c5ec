import { describe, expect, it } from "vitest";
import type { Change, ChangeLabels } from "./change";
import { describeChange, isNewAdmin, kindLabel, kindWords, personLabel } from "./describe";

const ORG = "0b6045ef-7c29-4430-8bc4-4da7e35f0000";
const labels: ChangeLabels = {
  organizations: { [ORG]: "Acme Legal" },
  groups: { rbac_group_1: { name: "Auditors", roles: ["rbac_role_1"] } },
  roles: { rbac_role_1: { name: "Data Exporter", organization_uuid: ORG } },
};
const member = (role: string, extra: Record<string, unknown> = {}) => ({ full_name: "Ann Lee", email: "ann@acme.com", organization_role: role, ...extra });
const change = (c: Partial<Change> & Pick<Change, "kind">): Change => ({ before: null, after: null, ...c });

describe("describeChange", () => {
  it("names organization roles in words with the API's name beside them", () => {
    expect(describeChange(change({ kind: "member_joined", organization_uuid: ORG, user_id: "user_1", after: member("membership_admin") }), labels)).toBe(
      "Ann Lee joined Acme Legal as Membership admin (membership_admin)",
    );
    expect(describeChange(change({ kind: "member_left", organization_uuid: ORG, user_id: "user_1", before: member("managed") }), labels)).toBe(
      "Ann Lee left Acme Legal; was Managed member (managed)",
    );
    expect(describeChange(change({ kind: "member_changed", organization_uuid: ORG, user_id: "user_1", before: member("user"), after: member("admin") }), labels)).toBe(
      "Ann Lee in Acme Legal: role Member (user) → Admin (admin)",
    );
  });

  it("keeps a role the words do not know as the API names it", () => {
    expect(describeChange(change({ kind: "member_joined", organization_uuid: ORG, user_id: "user_1", after: member("auditor_beta") }), labels)).toBe("Ann Lee joined Acme Legal as auditor_beta");
  });

  it("lists every field of a member that changed, and no role when the role stayed", () => {
    const before = member("user");
    const after = member("user", { email: "ann.lee@acme.com", full_name: "Ann Lee-Park" });
    expect(describeChange(change({ kind: "member_changed", organization_uuid: ORG, user_id: "user_1", before, after }), labels)).toBe(
      "Ann Lee-Park in Acme Legal: email ann@acme.com → ann.lee@acme.com, name Ann Lee → Ann Lee-Park",
    );
  });

  it("names groups, roles and organizations from the labels, and falls back to ids", () => {
    expect(describeChange(change({ kind: "group_role_granted", group_id: "rbac_group_1", role_id: "rbac_role_1" }), labels)).toBe("Group Auditors was granted role Data Exporter");
    expect(describeChange(change({ kind: "group_member_added", group_id: "rbac_group_9", user_id: "user_2", after: { email: "bo@acme.com" } }), labels)).toBe("bo@acme.com added to group rbac_group_9");
    expect(describeChange(change({ kind: "permission_added", organization_uuid: ORG, role_id: "rbac_role_1", after: { action: "chats:export", resource_type: "organization", resource_id: ORG } }), labels)).toBe(
      `Role Data Exporter in Acme Legal gained chats:export on organization ${ORG}`,
    );
  });
});

describe("the counts line and labels", () => {
  it("counts in words, one and many", () => {
    expect(kindWords("member_joined", 1)).toBe("1 joined");
    expect(kindWords("group_added", 1200)).toBe("1,200 groups added");
  });

  it("labels a kind for the filter and the table", () => {
    expect(kindLabel("group_role_granted")).toBe("Group role granted");
  });

  it("calls a member who joined as, or became, an administrator a new admin", () => {
    expect(isNewAdmin(change({ kind: "member_joined", after: member("owner") }))).toBe(true);
    expect(isNewAdmin(change({ kind: "member_changed", before: member("admin"), after: member("admin", { email: "x@acme.com" }) }))).toBe(false);
    expect(isNewAdmin(change({ kind: "member_changed", before: member("user"), after: member("membership_admin") }))).toBe(true);
  });

  it("names a person by name, else email, else id", () => {
    expect(personLabel(change({ kind: "member_left", user_id: "user_3", before: { email: "c@acme.com" } }))).toBe("c@acme.com");
    expect(personLabel(change({ kind: "member_left", user_id: "user_3" }))).toBe("user_3");
  });
});
