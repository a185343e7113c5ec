import "server-only";
import { z } from "zod";

/*
 * What the sealed session cookie holds, and when it stops being valid. Kept apart from the
 * cookie plumbing so proxy.ts, server components and route handlers judge a session the same way.
 */

export const officerRoleSchema = z.enum(["viewer", "exporter"]);
export type OfficerRole = z.infer<typeof officerRoleSchema>;

export const officerSchema = z.object({ name: z.string().min(1).max(200), role: officerRoleSchema });
export type Officer = z.infer<typeof officerSchema>;

export const sessionDataSchema = z.object({
  officer: officerSchema,
  /** epoch ms of the login: the absolute expiry counts from here. */
  issuedAt: z.number().int().nonnegative(),
  /** epoch ms of the last request seen, refreshed at most once a minute: the idle expiry counts from here. */
  lastSeenAt: z.number().int().nonnegative(),
  /** Random id of this login, the handle logout revokes. */
  sid: z.string().min(16).max(64),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

export type SessionVerdict = "valid" | "idle" | "expired" | "invalid";

// Clocks of several instances drift a little; a session stamped slightly in the future is still ours.
const CLOCK_SKEW_MS = 60_000;
/** lastSeenAt is rewritten (a new cookie) at most this often, not on every request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export function judgeSession(data: unknown, now: number, limits: SessionLimits): { verdict: SessionVerdict; session?: SessionData } {
  const parsed = sessionDataSchema.safeParse(data);
  if (!parsed.success) return { verdict: "invalid" };
  const session = parsed.data;
  if (session.issuedAt > now + CLOCK_SKEW_MS || session.lastSeenAt < session.issuedAt) return { verdict: "invalid" };
  if (now - session.issuedAt >= limits.maxMs) return { verdict: "expired", session };
  if (now - session.lastSeenAt >= limits.idleMs) return { verdict: "idle", session };
  return { verdict: "valid", session };
}

/** Short idle limits (tests, strict deployments) refresh more often, so a busy session never idles out. */
export function needsLastSeenRefresh(session: SessionData, now: number, limits: SessionLimits): boolean {
  return now - session.lastSeenAt >= Math.min(LAST_SEEN_RESOLUTION_MS, limits.idleMs / 4);
}
