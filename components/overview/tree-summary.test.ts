import { describe, expect, it } from "vitest";
import type { EffectiveSettings, Group, User } from "@/lib/shared/compliance/schemas";
import { directoryTotals, groupsForOrganization, summarizeSettings } from "./tree-summary";

const group = (id: string, roles: string[] | null): Group => ({ id, name: id, source_type: "direct", roles });
const user = (id: string): User => ({ id, full_name: id, email: `${id}@x.io`, created_at: "2024-01-01T00:00:00Z", organization_role: "user" });

describe("the organization tree's counts", () => {
  it("counts a group for an organization when one of its roles belongs to that organization", () => {
    const groups = [group("g1", ["r1", "other"]), group("g2", ["other"]), group("g3", null), group("g4", ["r2"])];
    expect(groupsForOrganization(groups, new Set(["r1", "r2"])).map((g) => g.id)).toEqual(["g1", "g4"]);
  });

  it("counts a person in two organizations once, and their memberships twice", () => {
    expect(directoryTotals([[user("a"), user("b")], [user("b"), user("c")], []])).toEqual({ uniqueUsers: 3, memberships: 4 });
  });

  it("reads the badges an officer scans for: SSO, provisioning, retention", () => {
    const settings: EffectiveSettings = {
      organization_id: "x",
      settings: [
        { name: "sso_claude_ai_enforced", type: "boolean", value: false },
        { name: "sso_provisioning_mode", type: "provisioning_mode", value: "scim_advanced" },
        { name: "data_retention_periods", type: "data_retention", value: { all: { type: "fixed", duration: 30, timescale: "day" } } },
      ],
    };
    expect(summarizeSettings(settings)).toEqual({
      ssoEnforced: false,
      provisioning: "SCIM advanced",
      provisioningRaw: "scim_advanced",
      retention: ["all data: 30 days"],
    });
    expect(summarizeSettings({ organization_id: "x", settings: [] })).toEqual({ ssoEnforced: null, provisioning: null, provisioningRaw: null, retention: null });
  });
});
