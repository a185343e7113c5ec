import type { Setting } from "@/lib/shared/compliance/schemas";
import { SETTING_CATALOG, settingLabel, settingSection, type SettingSection } from "./setting-catalog";
import { formatRetentionPeriod, formatSessionDuration, retentionDataTypeLabel } from "./durations";
import { provisioningModeInfo } from "./provisioning-modes";
import { stableJson } from "./stable-json";

/*
 * One enforced setting in plain words. The upstream's `type` is optional and new kinds appear over
 * time, so the kind is taken from `type` when present, else from the known name, else from the
 * value's shape; a value that does not fit its kind is shown raw rather than guessed at.
 */

export type SettingKind = "boolean" | "duration" | "integer" | "list" | "provisioning_mode" | "retention" | "text" | "raw";

export interface SettingView {
  name: string;
  label: string;
  section: SettingSection;
  kind: SettingKind;
  /** The name is one API.md documents. */
  known: boolean;
  /** One line of plain words: what a comparison cell shows. */
  summary: string;
  /** For on/off flags: the flag. */
  flag?: boolean;
  /** Entries of a list, or one line per retained data type. */
  items?: string[];
  /** What the value means, when the summary alone does not say it. */
  explanation?: string;
  /** Equal for equal settings (lists compared as sets): the comparison's notion of "same". */
  compareKey: string;
  setting: Setting;
}

/** Kinds of the documented names, for answers that leave `type` out. */
const KIND_BY_NAME: Readonly<Record<string, string>> = {
  account_session_duration_seconds: "integer",
  allowed_invite_domains: "string_list",
  ip_allowlist_ip_ranges: "string_list",
  sso_provisioning_mode: "provisioning_mode",
  data_retention_periods: "data_retention",
  ...Object.fromEntries(
    Object.keys(SETTING_CATALOG)
      .filter((n) => n.endsWith("_enabled") || n.endsWith("_enforced") || n.endsWith("_required"))
      .map((n) => [n, "boolean"]),
  ),
};

const LIST_NOUNS: Readonly<Record<string, [string, string]>> = {
  allowed_invite_domains: ["domain", "domains"],
  ip_allowlist_ip_ranges: ["IP range", "IP ranges"],
};

function upstreamKind(setting: Setting): string {
  if (setting.type) return setting.type;
  const byName = KIND_BY_NAME[setting.name];
  if (byName) return byName;
  const v = setting.value;
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return "integer";
  if (typeof v === "string") return "string";
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return "string_list";
  return "unknown";
}

export function rawText(value: unknown): string {
  if (value === undefined) return "(no value)";
  return JSON.stringify(value) ?? String(value);
}

function listSummary(name: string, items: string[]): string {
  const [one, many] = LIST_NOUNS[name] ?? ["entry", "entries"];
  if (items.length === 0) return `none listed`;
  const shown = items.slice(0, 3).join(", ");
  const count = `${items.length.toLocaleString("en-US")} ${items.length === 1 ? one : many}`;
  return items.length > 3 ? `${count}: ${shown} and ${items.length - 3} more` : `${count}: ${shown}`;
}

export function describeSetting(setting: Setting): SettingView {
  const { name, value } = setting;
  const base = {
    name,
    label: settingLabel(name),
    section: settingSection(name),
    known: name in SETTING_CATALOG,
    setting,
  };
  const hint = SETTING_CATALOG[name]?.hint;
  const raw = (): SettingView => ({ ...base, kind: "raw", summary: rawText(value), compareKey: stableJson(value) });

  switch (upstreamKind(setting)) {
    case "boolean": {
      if (typeof value !== "boolean") return raw();
      return { ...base, kind: "boolean", flag: value, summary: value ? "On" : "Off", explanation: hint, compareKey: String(value) };
    }
    case "integer": {
      if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) return raw();
      // API.md: null means no limit is in force.
      if (name === "account_session_duration_seconds") {
        return { ...base, kind: "duration", summary: formatSessionDuration(value), compareKey: stableJson(value) };
      }
      return {
        ...base,
        kind: "integer",
        summary: value === null ? "no limit" : value.toLocaleString("en-US"),
        compareKey: stableJson(value),
      };
    }
    case "string_list": {
      if (!Array.isArray(value) || !value.every((x) => typeof x === "string")) return raw();
      const items = value as string[];
      return {
        ...base,
        kind: "list",
        items,
        summary: listSummary(name, items),
        compareKey: stableJson([...items].sort()),
      };
    }
    case "provisioning_mode": {
      const info = provisioningModeInfo(value);
      if (!info) return { ...raw(), explanation: "A provisioning mode this dashboard does not know yet; shown as the upstream sent it." };
      return { ...base, kind: "provisioning_mode", summary: info.label, explanation: info.meaning, compareKey: stableJson(value) };
    }
    case "data_retention": {
      if (!value || typeof value !== "object" || Array.isArray(value)) return raw();
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
        a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b),
      );
      // API.md: `{}` means no retention limit is in force.
      if (entries.length === 0) {
        return { ...base, kind: "retention", summary: "no limit", items: [], compareKey: "{}" };
      }
      const items = entries.map(([dataType, period]) => {
        const words = formatRetentionPeriod(period);
        return `${retentionDataTypeLabel(dataType)}: ${words.ok ? words.text : rawText(words.raw)}`;
      });
      return { ...base, kind: "retention", summary: items.join("; "), items, compareKey: stableJson(value) };
    }
    case "string": {
      if (typeof value !== "string") return raw();
      return { ...base, kind: "text", summary: value === "" ? "(empty)" : value, compareKey: stableJson(value) };
    }
    default:
      return raw();
  }
}
