/*
 * How the header and the as-of banner name a sync: "06:00" and "3 Dec" in the officer's time zone
 * (with the year when it is not this year), and the exact UTC time for a title attribute.
 */

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
const dayThisYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const dayOtherYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

export function syncDay(ms: number, now = Date.now()): string {
  return (new Date(ms).getFullYear() === new Date(now).getFullYear() ? dayThisYear : dayOtherYear).format(ms);
}

export function syncTime(ms: number): string {
  return time.format(ms);
}

/** "3 Dec 06:00": a sync's moment in one short phrase. */
export function syncMoment(ms: number, now = Date.now()): string {
  return `${syncDay(ms, now)} ${syncTime(ms)}`;
}
