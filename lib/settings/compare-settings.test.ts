import { describe, expect, it } from "vitest";
import { compareSettings, summarizeComparison, type ComparisonColumn } from "./compare-settings";

const ready = (orgUuid: string, settings: { name: string; value: unknown; type?: string }[]): ComparisonColumn => ({
  orgUuid,
  orgName: orgUuid,
  state: { status: "ready", settings: { settings } },
});

describe("the settings comparison across organizations", () => {
  it("marks the one organization without SSO enforced as the differing cell", () => {
    const cols = [
      ready("a", [{ name: "sso_claude_ai_enforced", value: true }]),
      ready("b", [{ name: "sso_claude_ai_enforced", value: true }]),
      ready("c", [{ name: "sso_claude_ai_enforced", value: false }]),
    ];
    const [row] = compareSettings(cols);
    expect(row!.differs).toBe(true);
    expect(row!.cells.map((c) => (c.status === "value" ? c.outlier : null))).toEqual([false, false, true]);
  });

  it("equal values are not a difference, and lists are compared as sets", () => {
    const rows = compareSettings([
      ready("a", [{ name: "allowed_invite_domains", value: ["x.example", "y.example"] }, { name: "sso_enabled", value: true }]),
      ready("b", [{ name: "allowed_invite_domains", value: ["y.example", "x.example"] }, { name: "sso_enabled", value: true }]),
    ]);
    expect(rows.map((r) => [r.name, r.differs])).toEqual([
      ["sso_enabled", false],
      ["allowed_invite_domains", false],
    ]);
  });

  it("a setting one organization does not report is a difference, shown as absent", () => {
    const [row] = compareSettings([ready("a", [{ name: "ip_allowlist_enabled", value: true }]), ready("b", [])]);
    expect(row!.differs).toBe(true);
    expect(row!.cells[1]).toEqual({ status: "absent", outlier: true });
  });

  it("columns still loading or failed take no part in the verdict", () => {
    const cols: ComparisonColumn[] = [
      ready("a", [{ name: "sso_enabled", value: true }]),
      { orgUuid: "b", orgName: "b", state: { status: "loading" } },
      { orgUuid: "c", orgName: "c", state: { status: "error", message: "403" } },
    ];
    const rows = compareSettings(cols);
    expect(rows[0]!.differs).toBe(false);
    expect(rows[0]!.cells.map((c) => c.status)).toEqual(["value", "loading", "error"]);
    expect(summarizeComparison(cols, rows)).toEqual({ settings: 1, differing: 0, loaded: 1, failed: 1, total: 3 });
  });

  it("with no majority every differing cell is marked", () => {
    const [row] = compareSettings([
      ready("a", [{ name: "sso_provisioning_mode", value: "jit_advanced" }]),
      ready("b", [{ name: "sso_provisioning_mode", value: "login_only" }]),
    ]);
    expect(row!.cells.every((c) => c.status === "value" && c.outlier)).toBe(true);
    expect(row!.distinctValues).toBe(2);
  });

  it("retention values compare by content, not key order", () => {
    const a = { chats: { type: "indefinite" }, files: { type: "fixed", duration: 30, timescale: "day" } };
    const b = { files: { timescale: "day", duration: 30, type: "fixed" }, chats: { type: "indefinite" } };
    const [row] = compareSettings([ready("a", [{ name: "data_retention_periods", value: a }]), ready("b", [{ name: "data_retention_periods", value: b }])]);
    expect(row!.differs).toBe(false);
  });
});
