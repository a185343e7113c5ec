import "server-only";
import { auditStore } from "@/lib/server/audit/instance";
import type { NewAuditEntry } from "@/lib/shared/audit/entry";
import { appendOrThrow, AuditUnavailableError } from "@/lib/server/audit/unavailable";
import type { ClientFacts } from "../http/request-facts";

/*
 * Logins, failed logins, logouts and role refusals go to the audit log (issue 6). A login fails
 * closed (issue 9): it is recorded before the session cookie is set, or refused with a 503. The
 * others hand nothing out, so a failed write is logged and swallowed. Refusals by the
 * throttle (429) are not written one by one, since they cost an attacker nothing and would
 * flood the log; failed logins are written coalesced (failed-login-log.ts).
 */

export type SessionAuditEntry = Pick<NewAuditEntry, "actor" | "action" | "target" | "outcome" | "detail"> & {
  /** Where the request came from: the client as decided, the socket and the forwarded chain (issue 10: log both). */
  client?: ClientFacts;
  filters?: Record<string, unknown>;
};

export function clientFilters(client: ClientFacts): Record<string, string> {
  return {
    address: client.address,
    socket_address: client.socketAddress,
    ...(client.forwardedFor !== undefined ? { forwarded_for: client.forwardedFor } : {}),
  };
}

/** Records the event or throws AuditUnavailableError: for a login, which must be on record before the cookie is handed out. */
export async function recordSessionEvent(entry: SessionAuditEntry): Promise<void> {
  const { client, filters, ...rest } = entry;
  await appendOrThrow(auditStore(), {
    ...rest,
    // Attacker-chosen usernames are written, but never at any length.
    actor: rest.actor.slice(0, 200),
    filters: { ...(client ? clientFilters(client) : {}), ...filters },
  });
}

/** Records the event; a failure is logged and swallowed (a logout, a refusal, a failed login: nothing is handed out). */
export async function auditSessionEvent(entry: SessionAuditEntry): Promise<void> {
  try {
    await recordSessionEvent(entry);
  } catch (err) {
    const cause = err instanceof AuditUnavailableError ? err.cause : err;
    console.error("audit: could not record", entry.action, "-", cause instanceof Error ? cause.message : "unknown error");
  }
}
