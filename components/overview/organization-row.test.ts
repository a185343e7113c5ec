import { describe, expect, it } from "vitest";
import type { StoredOverview } from "@/lib/shared/directory/tree-wire";
import { storedOrganizationRows } from "./organization-row";
import { storedFigures } from "./tree-totals";

const overview: StoredOverview = {
  source: "store",
  sync: { id: "sync_abcdefgh_0123456789ab", finishedAt: "2026-12-01T10:00:00Z" },
  uniqueUsers: 1234,
  memberships: 2001,
  groups: 7,
  organizations: [
    {
      uuid: "11111111-1111-4111-8111-111111111111",
      name: "Acme Sales",
      created_at: "2024-02-03T04:05:06Z",
      users: 1200,
      roles: 4,
      groups: 3,
      settings: [
        { name: "sso_claude_ai_enforced", value: true },
        { name: "sso_provisioning_mode", value: "scim_advanced" },
      ],
    },
    { uuid: "22222222-2222-4222-8222-222222222222", name: "Acme Labs", created_at: "2024-03-01T00:00:00Z", users: 801, roles: 2, groups: 0, settings: null },
  ],
};

describe("the Overview's rows from the server's counts", () => {
  it("fills every count at once, and summarises the settings as the live road does", () => {
    const [sales, labs] = storedOrganizationRows(overview);
    expect(sales).toMatchObject({
      name: "Acme Sales",
      prefixedId: "org_11111111-1111-4111-8111-111111111111",
      createdMs: Date.parse("2024-02-03T04:05:06Z"),
      users: { kind: "done", value: 1200 },
      roles: { kind: "done", value: 4 },
      groups: { kind: "done", value: 3 },
      settings: { kind: "done", value: { ssoEnforced: true, provisioning: "SCIM advanced", retention: null } },
    });
    expect(labs!.groups).toEqual({ kind: "done", value: 0 });
  });

  it("says so where the sync holds no settings for an organization, rather than showing none", () => {
    const labs = storedOrganizationRows(overview)[1]!;
    expect(labs.settings.kind).toBe("error");
    expect(labs.settings.kind === "error" && labs.settings.error.message).toMatch(/holds no settings.*Start a sync/);
  });

  it("states the totals whole: people once, memberships per organization", () => {
    expect(storedFigures(overview).map((f) => [f.label, f.value])).toEqual([
      ["Organizations", "2"],
      ["Unique users", "1,234"],
      ["Memberships", "2,001"],
      ["Groups", "7"],
    ]);
  });
});
