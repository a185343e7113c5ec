import "server-only";
import { auditStore } from "@/lib/audit/instance";
import type { NewAuditEntry } from "@/lib/audit/entry";

/*
 * Logins, failed logins, logouts and role refusals go to the audit log (issue 6). An audit write
 * that fails must not lock officers out, so it is logged and swallowed here. Refusals by the
 * throttle (429) are not written one by one, since they cost an attacker nothing and would
 * flood the log; the failure that starts a lock is written, saying so.
 */

type SessionAuditEntry = Pick<NewAuditEntry, "actor" | "action" | "target" | "outcome" | "detail"> & { address?: string };

export async function auditSessionEvent(entry: SessionAuditEntry): Promise<void> {
  const { address, ...rest } = entry;
  try {
    await auditStore().append({
      ...rest,
      // Attacker-chosen usernames are written, but never at any length.
      actor: rest.actor.slice(0, 200),
      filters: address ? { address } : {},
    });
  } catch (err) {
    console.error("audit: could not record", entry.action, "-", err instanceof Error ? err.message : "unknown error");
  }
}
