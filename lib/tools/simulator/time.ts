/*
 * The synthetic tree's clock: fixed dates, so a seed always gives the same timestamps whatever
 * day the simulator runs.
 */

export const START_MS = Date.UTC(2023, 0, 9, 9, 0, 0);
/** Organizations are created up to here; people keep joining until END_MS. */
export const ORGS_END_MS = Date.UTC(2025, 11, 15, 17, 0, 0);
export const END_MS = Date.UTC(2026, 4, 29, 18, 0, 0);

/** `2025-06-01T10:00:00Z` */
export const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** `2025-06-01T10:00:00.123Z` */
export const isoMillis = (ms: number) => new Date(Math.floor(ms)).toISOString();

/**
 * `2025-03-12T18:22:41.123456`: no UTC offset, microseconds. Some upstream records (SCIM-synced
 * groups and their memberships) come like this (API.md); clients must accept both forms.
 */
export function isoNaive(ms: number): string {
  const whole = Math.floor(ms);
  const micros = String(Math.floor((ms - whole) * 1000)).padStart(3, "0");
  return new Date(whole).toISOString().replace("Z", "") + micros;
}
