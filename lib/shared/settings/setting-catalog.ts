/*
 * What the dashboard knows about each setting API.md names: a label an officer reads and the
 * section it belongs to. Names not listed here are still shown (raw, under "Other"), because the
 * upstream adds settings over time and an officer must see everything that is enforced.
 */

export type SettingSection = "Sign-in and SSO" | "Provisioning" | "Network" | "Data and privacy" | "Code" | "Keys" | "Other";

export const SECTION_ORDER: readonly SettingSection[] = [
  "Sign-in and SSO",
  "Provisioning",
  "Network",
  "Data and privacy",
  "Code",
  "Other",
];

export interface SettingInfo {
  label: string;
  section: SettingSection;
  /** What "on" means, when the label alone does not say it. */
  hint?: string;
}

export const SETTING_CATALOG: Readonly<Record<string, SettingInfo>> = {
  sso_enabled: { label: "Single sign-on (SSO) enabled", section: "Sign-in and SSO" },
  sso_claude_ai_enforced: {
    label: "SSO required for Claude (claude.ai)",
    section: "Sign-in and SSO",
    hint: "Members must sign in to claude.ai through the identity provider.",
  },
  sso_console_enforced: {
    label: "SSO required for the Claude Console",
    section: "Sign-in and SSO",
    hint: "Members must sign in to the Console through the identity provider.",
  },
  account_session_duration_seconds: { label: "Session length before sign-in again", section: "Sign-in and SSO" },
  claude_code_trusted_devices_required: { label: "Claude Code only on trusted devices", section: "Sign-in and SSO" },
  sso_provisioning_mode: { label: "Provisioning mode", section: "Provisioning" },
  directory_sync_enabled: { label: "Directory sync (SCIM) enabled", section: "Provisioning" },
  allowed_invite_domains: { label: "Domains members may be invited from", section: "Provisioning" },
  ip_allowlist_enabled: { label: "IP allowlist enforced", section: "Network" },
  ip_allowlist_ip_ranges: { label: "Allowed IP ranges", section: "Network" },
  data_retention_periods: { label: "Data retention", section: "Data and privacy" },
  content_redaction_enabled: { label: "Content redaction", section: "Data and privacy" },
  frontier_data_use_enabled: { label: "Frontier data use", section: "Data and privacy" },
  claude_ai_feedback_collection_enabled: { label: "Feedback collection in Claude (claude.ai)", section: "Data and privacy" },
  api_workbench_feedback_collection_enabled: { label: "Feedback collection in the API Workbench", section: "Data and privacy" },
  code_execution_enabled: { label: "Code execution", section: "Code" },
  code_execution_network_egress_enabled: { label: "Network access from code execution", section: "Code" },
};

/** A readable label for any setting name, known or not: `foo_bar_enabled` -> "Foo bar enabled". */
export function settingLabel(name: string): string {
  const known = SETTING_CATALOG[name];
  if (known) return known.label;
  const words = name.replace(/_/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

export function settingSection(name: string): SettingSection {
  return SETTING_CATALOG[name]?.section ?? "Other";
}

/** Known settings first, in catalog order within each section, then unknown ones by name. */
export function compareSettingNames(a: string, b: string): number {
  const sa = SECTION_ORDER.indexOf(settingSection(a));
  const sb = SECTION_ORDER.indexOf(settingSection(b));
  if (sa !== sb) return sa - sb;
  const names = Object.keys(SETTING_CATALOG);
  const ia = names.indexOf(a);
  const ib = names.indexOf(b);
  if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
  return a.localeCompare(b);
}
