/*
 * Durations in the words an officer reads: session lengths (seconds, null = no limit) and data
 * retention windows (`{type:"fixed", duration, timescale}` or `{type:"indefinite"}`).
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;

/** 86400 -> "1 day", 43200 -> "12 hours", 129600 -> "1 day 12 hours", null -> "no limit". */
export function formatSessionDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "no limit";
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds} seconds`;
  if (seconds === 0) return "0 seconds";
  const parts: string[] = [];
  let rest = Math.round(seconds);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  if (days) parts.push(plural(days, "day"));
  if (hours) parts.push(plural(hours, "hour"));
  if (minutes) parts.push(plural(minutes, "minute"));
  if (rest) parts.push(plural(rest, "second"));
  return parts.join(" ");
}

export type RetentionWords = { ok: true; text: string } | { ok: false; raw: unknown };

/**
 * One retention period. `type` is optional upstream (settings reference), so a period with a
 * numeric `duration` is read as fixed even without it; anything else is shown raw.
 */
export function formatRetentionPeriod(period: unknown): RetentionWords {
  if (!period || typeof period !== "object" || Array.isArray(period)) return { ok: false, raw: period };
  const p = period as Record<string, unknown>;
  if (p.type === "indefinite") return { ok: true, text: "indefinite" };
  if ((p.type === "fixed" || p.type === undefined) && typeof p.duration === "number") {
    const unit = p.timescale === "day" || p.timescale === "month" ? p.timescale : undefined;
    if (!unit) return { ok: false, raw: period };
    return { ok: true, text: plural(p.duration, unit) };
  }
  return { ok: false, raw: period };
}

/** `all` first (it is exclusive upstream), then the other data types by name. */
export function retentionDataTypeLabel(dataType: string): string {
  return dataType === "all" ? "all data" : dataType.replace(/_/g, " ");
}
