import type { Setting } from "@/lib/shared/compliance/schemas";

/*
 * Effective settings in an officer's words (API.md: setting kinds). Shared by the Overview's badges
 * and the Settings pages, so "all data: 30 days" reads the same everywhere.
 */

export const PROVISIONING_MODES: Record<string, { label: string; meaning: string }> = {
  jit_advanced: { label: "JIT advanced", meaning: "Accounts are created at first SSO login; roles and groups follow the identity provider's claims." },
  jit_permissive: { label: "JIT permissive", meaning: "Anyone who passes SSO gets an account at first login." },
  login_only: { label: "Login only", meaning: "SSO only signs people in; accounts must already exist (invited or provisioned)." },
  scim_advanced: { label: "SCIM advanced", meaning: "The identity provider provisions and removes accounts and groups through SCIM." },
  scim_permissive: { label: "SCIM permissive", meaning: "The identity provider provisions accounts through SCIM; people may also be invited directly." },
};

export function formatProvisioningMode(value: unknown): string {
  if (typeof value !== "string") return JSON.stringify(value);
  return PROVISIONING_MODES[value]?.label ?? value;
}

type Period = { type?: unknown; duration?: unknown; timescale?: unknown };

/** One retention period: "30 days", "6 months", "indefinite". */
export function formatRetentionPeriod(period: unknown): string {
  const p = (period ?? {}) as Period;
  if (p.type === "indefinite") return "indefinite";
  // `type` may be missing (the live API, API.md): a numeric duration is a fixed period.
  if ((p.type === "fixed" || p.type === undefined) && typeof p.duration === "number") {
    const unit = p.timescale === "month" ? "month" : p.timescale === "day" ? "day" : String(p.timescale ?? "");
    return `${p.duration} ${unit}${p.duration === 1 ? "" : "s"}`;
  }
  return JSON.stringify(period);
}

const DATA_TYPE_WORDS: Record<string, string> = { all: "all data" };
const dataTypeWords = (key: string) => DATA_TYPE_WORDS[key] ?? key.replace(/_/g, " ");

/** Retention per data type: "all data: 30 days"; `{}` means no limit. One entry per data type. */
export function formatRetention(value: unknown): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [JSON.stringify(value)];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return ["no limit"];
  return entries.map(([k, v]) => `${dataTypeWords(k)}: ${formatRetentionPeriod(v)}`);
}

/** "no limit" for null; hours under two days, days above. */
export function formatSessionDuration(seconds: unknown): string {
  if (seconds === null || seconds === undefined) return "no limit";
  if (typeof seconds !== "number") return JSON.stringify(seconds);
  const hours = seconds / 3600;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} hours`;
  const days = hours / 24;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}

export function findSetting(settings: readonly Setting[], name: string): Setting | undefined {
  return settings.find((s) => s.name === name);
}
