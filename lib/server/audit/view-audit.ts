import "server-only";
import { processWide } from "@/lib/server/process-wide";
import { auditStore } from "./instance";
import type { AuditStore } from "./store";
import { auditUnavailableResponse } from "./unavailable";

/*
 * Bulk reads on record (issue 10, item 2): a viewer's read of the whole directory or of a seed
 * list's people is an entry with action "view", written before the data leaves (fails closed).
 * Coalesced: one entry per officer, resource and sync (or resolution) per hour, so a page reload
 * does not write a new line each time. The window is per process: with several instances an
 * officer's reads may write one entry per instance per hour, never none.
 */

export const VIEW_COALESCE_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

const recorded = processWide("view-audit-recorded", () => new Map<string, number>());

export interface ViewRead {
  actor: string;
  /** What was read, e.g. "directory/people" or "seed_list:sl_…#3". */
  target: string;
  /** The sync the data came from, when it is one. */
  syncId?: string;
  /** Anything else that says which version was read (a resolution's directory time). */
  version?: string;
  rows?: number;
  filters?: Record<string, unknown>;
}

function forgetOld(now: number): void {
  if (recorded.size < MAX_REMEMBERED) return;
  for (const [k, at] of recorded) if (now - at >= VIEW_COALESCE_MS) recorded.delete(k);
  // Still full (a flood of distinct reads): forget the oldest half; at worst an entry repeats.
  if (recorded.size >= MAX_REMEMBERED) [...recorded.keys()].slice(0, MAX_REMEMBERED / 2).forEach((k) => recorded.delete(k));
}

/** Records the read unless the same one is on record within the hour; throws when the log cannot take it. */
export async function recordView(v: ViewRead, audit: AuditStore = auditStore(), now = Date.now()): Promise<void> {
  const key = JSON.stringify([v.actor, v.target, v.syncId ?? "", v.version ?? ""]);
  const at = recorded.get(key);
  if (at !== undefined && now - at < VIEW_COALESCE_MS) return;
  await audit.append({
    actor: v.actor,
    action: "view",
    target: v.target,
    outcome: "ok",
    filters: { ...(v.filters ?? {}), ...(v.version ? { version: v.version } : {}), coalesced_for: "1h" },
    ...(v.rows !== undefined ? { rows: v.rows } : {}),
    ...(v.syncId ? { sync_id: v.syncId } : {}),
  });
  forgetOld(now);
  recorded.set(key, now);
}

/** recordView, or the 503 to answer instead of the data. */
export async function recordViewOrRefuse(v: ViewRead): Promise<Response | undefined> {
  try {
    await recordView(v);
    return undefined;
  } catch (err) {
    return auditUnavailableResponse(err);
  }
}
