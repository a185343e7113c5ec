import { describe, expect, it } from "vitest";
import { describeSetting } from "./describe-setting";
import { formatSessionDuration } from "./durations";
import { PROVISIONING_MODES } from "./provisioning-modes";
import { groupSettings } from "@/lib/browser/settings/group-settings";

describe("settings in plain words", () => {
  it("an on/off flag reads On or Off under a human label", () => {
    const on = describeSetting({ name: "sso_claude_ai_enforced", type: "boolean", value: true });
    expect(on).toMatchObject({ kind: "boolean", flag: true, summary: "On", label: "SSO required for Claude (claude.ai)" });
    expect(describeSetting({ name: "ip_allowlist_enabled", value: false })).toMatchObject({ kind: "boolean", summary: "Off" });
  });

  it("a session duration reads in days and hours, and null means no limit", () => {
    expect(describeSetting({ name: "account_session_duration_seconds", type: "integer", value: null }).summary).toBe("no limit");
    expect(describeSetting({ name: "account_session_duration_seconds", value: 86_400 }).summary).toBe("1 day");
    expect(formatSessionDuration(43_200)).toBe("12 hours");
    expect(formatSessionDuration(30 * 86_400)).toBe("30 days");
    expect(formatSessionDuration(129_600)).toBe("1 day 12 hours");
    expect(formatSessionDuration(5_400)).toBe("1 hour 30 minutes");
  });

  it("domain and IP lists keep every entry and count them", () => {
    const v = describeSetting({ name: "allowed_invite_domains", type: "string_list", value: ["a.example", "b.example"] });
    expect(v).toMatchObject({ kind: "list", items: ["a.example", "b.example"], summary: "2 domains: a.example, b.example" });
    expect(describeSetting({ name: "ip_allowlist_ip_ranges", value: [] }).summary).toBe("none listed");
    const many = describeSetting({ name: "ip_allowlist_ip_ranges", value: ["1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8"] });
    expect(many.summary).toBe("4 IP ranges: 1.0.0.0/8, 2.0.0.0/8, 3.0.0.0/8 and 1 more");
  });

  it("every provisioning mode says what it means in one sentence", () => {
    for (const mode of ["jit_advanced", "jit_permissive", "login_only", "scim_advanced", "scim_permissive"]) {
      const v = describeSetting({ name: "sso_provisioning_mode", type: "provisioning_mode", value: mode });
      expect(v.kind).toBe("provisioning_mode");
      expect(v.summary).toBe(PROVISIONING_MODES[mode]!.label);
      expect(v.explanation).toMatch(/\.$/);
    }
    expect(describeSetting({ name: "sso_provisioning_mode", value: "jit_permissive" }).summary).toBe("Just-in-time provisioning");
  });

  it("an unknown provisioning mode is shown raw, not guessed", () => {
    expect(describeSetting({ name: "sso_provisioning_mode", value: "scim_strict" })).toMatchObject({ kind: "raw", summary: '"scim_strict"' });
  });

  it("data retention reads per data type: all data 30 days, indefinite, and {} as no limit", () => {
    const fixed = describeSetting({
      name: "data_retention_periods",
      type: "data_retention",
      value: { all: { type: "fixed", duration: 30, timescale: "day" } },
    });
    expect(fixed.summary).toBe("all data: 30 days");
    const mixed = describeSetting({
      name: "data_retention_periods",
      value: { chats: { type: "indefinite" }, files: { duration: 1, timescale: "month" } },
    });
    expect(mixed.items).toEqual(["chats: indefinite", "files: 1 month"]);
    expect(describeSetting({ name: "data_retention_periods", value: {} }).summary).toBe("no limit");
  });

  it("unknown settings and kinds are rendered raw, and a value that does not fit its kind too", () => {
    expect(describeSetting({ name: "new_thing", type: "enum_set", value: { a: 1 } })).toMatchObject({
      kind: "raw",
      summary: '{"a":1}',
      label: "New thing",
      section: "Other",
      known: false,
    });
    expect(describeSetting({ name: "sso_enabled", type: "boolean", value: "yes" })).toMatchObject({ kind: "raw", summary: '"yes"' });
  });

  it("an organization's settings are grouped into sections, unknown ones last", () => {
    const sections = groupSettings({
      settings: [
        { name: "zzz_future", value: 1 },
        { name: "code_execution_enabled", value: true },
        { name: "sso_enabled", value: true },
      ],
    });
    expect(sections.map((s) => s.section)).toEqual(["Sign-in and SSO", "Code", "Other"]);
  });
});
