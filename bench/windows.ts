import type { LogEntry } from "@/lib/tools/simulator/server";
import { maxInWindow } from "@/lib/tools/testing/start-windows";

/** The most request starts (arrivals at the simulator) in any one-second window, sliding. */
export const maxStartsPerSecond = (entries: readonly Pick<LogEntry, "t">[], windowMs = 1000): number => maxInWindow(entries.map((e) => e.t), windowMs);

export const apiEntries = (log: readonly LogEntry[]): LogEntry[] => log.filter((e) => e.path.startsWith("/v1/"));
export const count429 = (log: readonly LogEntry[]): number => log.filter((e) => e.status === 429).length;
