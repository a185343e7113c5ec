/*
 * Upstream timestamps are ISO 8601, sometimes without a UTC offset (API.md:
 * `2025-03-12T18:22:41.123456`). Those are UTC: the API has no other clock. Officers read dates in
 * their own time zone; the UTC instant stays one hover away.
 */

const OFFSET_RE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of an upstream timestamp, or null when it is missing or unreadable. */
export function parseTimestamp(value: string | null | undefined): number | null {
  if (!value) return null;
  let iso = OFFSET_RE.test(value) ? value : `${value}Z`;
  // Date.parse wants "+01:00"; the API may send "+0100".
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  // More than millisecond precision is legal ISO but not every engine reads it.
  iso = iso.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const pad = (n: number) => String(n).padStart(2, "0");

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let f = partsFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    partsFormatters.set(key, f);
  }
  return f;
}

type WallClock = { year: string; month: string; day: string; hour: string; minute: string; second: string };

/** formatToParts costs tens of microseconds, and a page draws the same few times on every render. */
const wallClocks = new Map<string, WallClock>();
const WALL_CLOCKS_KEPT = 2_000;

function wallClock(ms: number, timeZone?: string): WallClock {
  const key = `${timeZone ?? ""} ${ms}`;
  let parts = wallClocks.get(key);
  if (!parts) {
    const out: Record<string, string> = {};
    for (const p of partsFormatter(timeZone).formatToParts(ms)) out[p.type] = p.value;
    parts = out as WallClock;
    if (wallClocks.size >= WALL_CLOCKS_KEPT) wallClocks.clear();
    wallClocks.set(key, parts);
  }
  return parts;
}

/** "2025-03-12 19:22" in the officer's time zone (or `timeZone`): unambiguous and sortable. */
export function formatDateTime(ms: number, timeZone?: string): string {
  const p = wallClock(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2025-03-12" in the officer's time zone (or `timeZone`). */
export function formatDate(ms: number, timeZone?: string): string {
  const p = wallClock(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2025-03-12 18:22:41 UTC", for a title attribute. */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** The browser's IANA time zone name ("Europe/Berlin"), for labels. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Epoch ms of the first millisecond of a calendar day ("2025-03-12") in the officer's time zone:
 * a date-range filter means the officer's days, not UTC ones.
 */
export function localDayStart(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // new Date rolls 2025-02-31 over into March; such a day does not exist.
  if (d.getFullYear() !== Number(m[1]) || d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3])) return null;
  return d.getTime();
}

/** Epoch ms of the last millisecond of a calendar day in the officer's time zone. */
export function localDayEnd(day: string): number | null {
  const start = localDayStart(day);
  if (start === null) return null;
  const d = new Date(start);
  d.setDate(d.getDate() + 1);
  return d.getTime() - 1;
}

export function isCalendarDay(value: string): boolean {
  return localDayStart(value) !== null;
}

/** "just now", "1 min ago", "3 h ago", "2 days ago": how old data is, for the header. */
export function formatAge(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 45) return "just now";
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
