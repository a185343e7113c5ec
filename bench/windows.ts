import type { LogEntry } from "@/lib/simulator/server";

/** The most request starts (arrivals at the simulator) in any one-second window, sliding. */
export function maxStartsPerSecond(entries: readonly Pick<LogEntry, "t">[], windowMs = 1000): number {
  const t = entries.map((e) => e.t).sort((a, b) => a - b);
  let best = 0;
  for (let hi = 0, lo = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export const apiEntries = (log: readonly LogEntry[]): LogEntry[] => log.filter((e) => e.path.startsWith("/v1/"));
export const count429 = (log: readonly LogEntry[]): number => log.filter((e) => e.status === 429).length;
