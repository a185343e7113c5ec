import type { RetentionPeriod, Setting } from "@/lib/shared/compliance/schemas";
import { rngFor } from "./random";

/*
 * Effective settings for one organization: every setting kind in API.md, varied across
 * organizations. Resolution follows the reference text: a JIT provisioning mode is reported only
 * while SSO is on, a SCIM mode only while directory sync is on, `login_only` otherwise. Settings
 * the organization's admins cannot change are omitted (randomly here; never in the first
 * organization, so a small tree always shows every kind).
 */

export const BOOLEAN_SETTINGS = [
  "api_workbench_feedback_collection_enabled",
  "claude_ai_feedback_collection_enabled",
  "claude_code_trusted_devices_required",
  "code_execution_enabled",
  "code_execution_network_egress_enabled",
  "content_redaction_enabled",
  "directory_sync_enabled",
  "frontier_data_use_enabled",
  "ip_allowlist_enabled",
  "sso_claude_ai_enforced",
  "sso_console_enforced",
  "sso_enabled",
] as const;

export const PROVISIONING_MODES = ["jit_advanced", "jit_permissive", "login_only", "scim_advanced", "scim_permissive"] as const;

/** A setting kind from a later API revision, present in one organization so clients show it raw. */
export const UNKNOWN_SETTING: Setting = {
  name: "claude_model_allowlist",
  type: "model_list",
  value: ["claude-opus-4-1", "claude-sonnet-4-5"],
};

const SESSION_DURATIONS = [null, 8 * 3600, 24 * 3600, 7 * 86400, 30 * 86400] as const;
const INVITE_DOMAINS = ["acme.com", "acme.co.uk", "acme-labs.io", "acme.de"];
const IP_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "203.0.113.0/24", "198.51.100.17/32", "2001:db8::/32"];

/** A period as the live API may send it: the inner `type` missing (API.md). */
type LooseRetentionPeriod = RetentionPeriod | { duration: number; timescale: "day" | "month" };

function retention(variant: number, rng: ReturnType<typeof rngFor>): Record<string, LooseRetentionPeriod> {
  switch (variant) {
    case 0:
      return {}; // no retention limit in force
    case 1:
      return { all: { type: "fixed", duration: rng.pick([30, 90, 180, 365]), timescale: "day" } };
    case 2:
      return { all: { type: "indefinite" } };
    default:
      return {
        chats: { type: "fixed", duration: rng.pick([6, 12, 24]), timescale: "month" },
        projects: { type: "indefinite" },
        files: { type: "fixed", duration: rng.pick([30, 60, 90]), timescale: "day" },
      };
  }
}

export function generateSettings(seed: string, orgIndex: number): Setting[] {
  const rng = rngFor(seed, "settings", orgIndex);
  const on = (p: number) => rng.chance(p);
  const sso = on(0.8);
  const directorySync = sso && on(0.6);
  const ipAllowlist = on(0.3);
  const codeExecution = on(0.65);
  const flags: Record<(typeof BOOLEAN_SETTINGS)[number], boolean> = {
    api_workbench_feedback_collection_enabled: on(0.4),
    claude_ai_feedback_collection_enabled: on(0.5),
    claude_code_trusted_devices_required: on(0.3),
    code_execution_enabled: codeExecution,
    code_execution_network_egress_enabled: codeExecution && on(0.45),
    content_redaction_enabled: on(0.25),
    directory_sync_enabled: directorySync,
    frontier_data_use_enabled: on(0.2),
    ip_allowlist_enabled: ipAllowlist,
    sso_claude_ai_enforced: sso && on(0.6),
    sso_console_enforced: sso && on(0.5),
    sso_enabled: sso,
  };

  const configured = rng.pick(PROVISIONING_MODES);
  const enforced =
    (configured.startsWith("jit") && sso) || (configured.startsWith("scim") && directorySync) ? configured : "login_only";

  const settings: Setting[] = BOOLEAN_SETTINGS.map((name) => ({ name, value: flags[name], type: "boolean" }));
  settings.push({ name: "account_session_duration_seconds", value: rng.pick(SESSION_DURATIONS), type: "integer" });
  settings.push({
    name: "allowed_invite_domains",
    value: INVITE_DOMAINS.filter(() => on(0.5)),
    type: "string_list",
  });
  settings.push({
    name: "ip_allowlist_ip_ranges",
    value: ipAllowlist ? IP_RANGES.filter((_, i) => i === 0 || on(0.5)) : [],
    type: "string_list",
  });
  settings.push({ name: "sso_provisioning_mode", value: enforced, type: "provisioning_mode" });
  // Cycle through the retention shapes so every small tree shows each one.
  settings.push({ name: "data_retention_periods", value: retention((orgIndex + 1) % 4, rng), type: "data_retention" });

  if (orgIndex === 2) settings.push(UNKNOWN_SETTING);
  // `type` is optional upstream: the second organization answers without it on the compound kinds.
  // Its retention map is the live API's other form: keyed `chat`, periods without their inner `type`.
  if (orgIndex === 1) {
    for (const s of settings) if (s.type === "provisioning_mode" || s.type === "data_retention") delete s.type;
    const period = settings.find((s) => s.name === "data_retention_periods");
    if (period) period.value = { chat: { duration: rng.pick([30, 90, 180]), timescale: "day" } } satisfies Record<string, LooseRetentionPeriod>;
  }
  if (orgIndex === 0) return settings;
  return settings.filter(() => !on(0.08));
}
