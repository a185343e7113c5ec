import { describe, expect, it } from "vitest";
import {
  baselineChoiceOf,
  buildSettingsMatrix,
  cellDiffers,
  describeDifferenceReport,
  differenceReport,
  differingSettingsByOrganization,
  facetValueOf,
  majorityBaseline,
  organizationBaseline,
  resolveBaseline,
  summarizeComparison,
  type OrganizationSettingsInput,
  type SettingsMatrix,
} from "./compare-settings";

const ready = (orgUuid: string, settings: { name: string; value: unknown; type?: string }[]): OrganizationSettingsInput => ({
  orgUuid,
  orgName: orgUuid,
  state: { status: "ready", settings: { settings } },
});

/** Per organization, whether it differs from the majority in `name`. */
function majorityVerdicts(matrix: SettingsMatrix, name: string): boolean[] {
  const base = majorityBaseline(matrix);
  const setting = matrix.settings.find((s) => s.name === name)!;
  return matrix.organizations.map((o) => cellDiffers(setting, o.cells?.get(name), base.get(name)));
}

describe("the settings comparison across organizations", () => {
  it("marks the one organization without SSO enforced as differing from the majority", () => {
    const m = buildSettingsMatrix([
      ready("a", [{ name: "sso_claude_ai_enforced", value: true }]),
      ready("b", [{ name: "sso_claude_ai_enforced", value: true }]),
      ready("c", [{ name: "sso_claude_ai_enforced", value: false }]),
    ]);
    expect(majorityVerdicts(m, "sso_claude_ai_enforced")).toEqual([false, false, true]);
    expect(majorityBaseline(m).get("sso_claude_ai_enforced")!.view!.flag).toBe(true);
  });

  it("equal values are not a difference, and lists are compared as sets", () => {
    const m = buildSettingsMatrix([
      ready("a", [{ name: "allowed_invite_domains", value: ["x.example", "y.example"] }, { name: "sso_enabled", value: true }]),
      ready("b", [{ name: "allowed_invite_domains", value: ["y.example", "x.example"] }, { name: "sso_enabled", value: true }]),
    ]);
    expect(m.settings.map((s) => [s.name, s.counts.size])).toEqual([
      ["sso_enabled", 1],
      ["allowed_invite_domains", 1],
    ]);
    expect(summarizeComparison(m).differing).toBe(0);
  });

  it("a setting one organization does not report is a value of its own, shown as not reported", () => {
    const m = buildSettingsMatrix([ready("a", [{ name: "ip_allowlist_enabled", value: true }]), ready("b", []), ready("c", [])]);
    expect(majorityVerdicts(m, "ip_allowlist_enabled")).toEqual([true, false, false]);
    expect(majorityBaseline(m).get("ip_allowlist_enabled")!.view).toBeUndefined();
    expect(facetValueOf(m.organizations[1]!.cells!.get("ip_allowlist_enabled"))).toBe("Not reported");
  });

  it("organizations still loading or failed take no part in any verdict", () => {
    const m = buildSettingsMatrix([
      ready("a", [{ name: "sso_enabled", value: true }]),
      { orgUuid: "b", orgName: "b", state: { status: "loading" } },
      { orgUuid: "c", orgName: "c", state: { status: "error", message: "403" } },
    ]);
    expect(summarizeComparison(m)).toEqual({ settings: 1, differing: 0, loaded: 1, failed: 1, total: 3 });
    const differing = differingSettingsByOrganization(m, majorityBaseline(m));
    expect([...differing.keys()]).toEqual(["a"]);
    expect(differenceReport(m, differing, ["a", "b", "c"])).toEqual({ compared: 1, organizations: [], settings: [] });
  });

  it("with no majority every organization of a differing setting is marked", () => {
    const m = buildSettingsMatrix([
      ready("a", [{ name: "sso_provisioning_mode", value: "jit_advanced" }]),
      ready("b", [{ name: "sso_provisioning_mode", value: "login_only" }]),
    ]);
    expect(majorityBaseline(m).get("sso_provisioning_mode")!.key).toBeNull();
    expect(majorityVerdicts(m, "sso_provisioning_mode")).toEqual([true, true]);
  });

  it("retention values compare by content, not key order", () => {
    const a = { chats: { type: "indefinite" }, files: { type: "fixed", duration: 30, timescale: "day" } };
    const b = { files: { timescale: "day", duration: 30, type: "fixed" }, chats: { type: "indefinite" } };
    const m = buildSettingsMatrix([ready("a", [{ name: "data_retention_periods", value: a }]), ready("b", [{ name: "data_retention_periods", value: b }])]);
    expect(m.settings[0]!.counts.size).toBe(1);
  });
});

describe("the baseline", () => {
  const m = buildSettingsMatrix([
    ready("a", [{ name: "sso_enabled", value: true }, { name: "ip_allowlist_enabled", value: false }]),
    ready("b", [{ name: "sso_enabled", value: true }, { name: "ip_allowlist_enabled", value: false }]),
    ready("c", [{ name: "sso_enabled", value: false }, { name: "ip_allowlist_enabled", value: true }]),
    { orgUuid: "d", orgName: "d", state: { status: "loading" } },
  ]);

  it("a chosen organization's values are the baseline, so the majority differs from a lone organization", () => {
    const base = organizationBaseline(m, "c")!;
    expect(base.get("sso_enabled")!.view!.flag).toBe(false);
    const differing = differingSettingsByOrganization(m, base);
    expect([...differing.get("a")!]).toEqual(["sso_enabled", "ip_allowlist_enabled"]);
    expect(differing.get("c")!.size).toBe(0);
  });

  it("an organization not loaded (or unknown) gives no baseline yet", () => {
    expect(organizationBaseline(m, "d")).toBeNull();
    expect(organizationBaseline(m, "nope")).toBeNull();
    expect(resolveBaseline(m, baselineChoiceOf("d"))).toBeNull();
    expect(resolveBaseline(m, baselineChoiceOf(""))).not.toBeNull();
    expect(baselineChoiceOf(null)).toEqual({ kind: "majority" });
  });
});

describe("only differences", () => {
  // Every setting differs somewhere, as in a real 1,000-organization tree.
  const inputs = [
    ...Array.from({ length: 6 }, (_, i) => ready(`same${i}`, [{ name: "sso_enabled", value: true }, { name: "ip_allowlist_enabled", value: false }, { name: "directory_sync_enabled", value: true }])),
    ready("x", [{ name: "sso_enabled", value: false }, { name: "ip_allowlist_enabled", value: false }, { name: "directory_sync_enabled", value: true }]),
    ready("y", [{ name: "sso_enabled", value: true }, { name: "ip_allowlist_enabled", value: true }, { name: "directory_sync_enabled", value: true }]),
    ready("z", [{ name: "sso_enabled", value: true }, { name: "ip_allowlist_enabled", value: false }]),
  ];
  const m = buildSettingsMatrix(inputs);
  const differing = differingSettingsByOrganization(m, majorityBaseline(m));
  const all = inputs.map((o) => o.orgUuid);

  it("keeps the organizations differing from the majority and the settings they differ in", () => {
    expect(summarizeComparison(m).differing).toBe(3);
    const report = differenceReport(m, differing, all);
    expect(report).toEqual({ compared: 9, organizations: ["x", "y", "z"], settings: ["sso_enabled", "directory_sync_enabled", "ip_allowlist_enabled"] });
    expect(describeDifferenceReport(report)).toBe("3 of 9 organizations differ from the baseline in 3 settings.");
  });

  it("narrows the settings to those where a visible organization differs", () => {
    const report = differenceReport(m, differing, ["same0", "same1", "x"]);
    expect(report.settings).toEqual(["sso_enabled"]);
    expect(report.organizations).toEqual(["x"]);
    expect(describeDifferenceReport(report)).toBe("1 of 3 organizations differs from the baseline in 1 setting.");
  });

  it("says so when no visible organization differs", () => {
    const report = differenceReport(m, differing, ["same0", "same1"]);
    expect(report).toEqual({ compared: 2, organizations: [], settings: [] });
    expect(describeDifferenceReport(report)).toMatch(/^0 of 2 organizations/);
  });
});
