import "server-only";
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getIronSession, unsealData } from "iron-session";
import { config, type AppConfig } from "@/lib/server/config";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { isStoreUnavailable } from "@/lib/server/store/errors";
import { loginUrlFor, unavailableUrlFor } from "@/lib/shared/session/next-path";
import { findOfficer } from "./officers";
import { cookiesShouldBeSecure, requestOrigin } from "../http/request-facts";
import { revocationStore } from "./revocation";
import { auditSessionEvent } from "./session-audit";
import { needsLastSeenRefresh, type Officer, type OfficerRole, type SessionData } from "./session-data";
import { readSessionCookie, REQUEST_PATH_HEADER, sealTtlSeconds, sessionCookieName, sessionLimits, sessionOptions } from "./session-cookie";

/*
 * The officer's session: an iron-session cookie (sealed and signed with SESSION_SECRET) holding
 * who they are and when they logged in and were last seen. It ends after SESSION_IDLE_MINUTES
 * without a request, SESSION_MAX_HOURS after login, or at logout (the sid is revoked, so a copy
 * of the cookie dies with it).
 */

export type { Officer, OfficerRole, SessionData } from "./session-data";
export { readSessionCookie, REQUEST_PATH_HEADER, sessionCookieName, SESSION_COOKIE_NAMES, sessionLimits } from "./session-cookie";

async function isSecureRequest(cfg: AppConfig): Promise<boolean> {
  return cookiesShouldBeSecure(cfg.secureCookies, requestOrigin(await headers()));
}

async function currentSession(now: number, cfg: AppConfig): Promise<SessionData | null> {
  const secure = await isSecureRequest(cfg);
  const session = await readSessionCookie((await cookies()).get(sessionCookieName(secure))?.value, now, cfg);
  if (!session || (await revocationStore().isRevoked(session.sid))) return null;
  return session;
}

/**
 * The session of this request, or null. Read-only: usable in server components, which cannot set
 * cookies (so it does not slide lastSeenAt; API calls from the page do).
 */
export async function getSession(): Promise<SessionData | null> {
  const cfg = config();
  const session = await currentSession(Date.now(), cfg);
  if (!session) return null;
  const officer = findOfficer(session.officer.name, cfg);
  return officer ? { ...session, officer } : null;
}

const notLoggedIn = () => jsonError(401, "authentication_required", "Log in to the dashboard first.");

/**
 * For route handlers: the logged-in officer, or a 401 Response to return as is. Checks the
 * cookie, the idle and absolute limits, logout, and that the officer is still configured (with
 * their current role). Slides lastSeenAt at most once a minute. Never calls the upstream.
 *
 *   const officer = await requireSession();
 *   if (officer instanceof Response) return officer;
 */
export async function requireSession(): Promise<Officer | Response> {
  const cfg = config();
  const now = Date.now();
  let session: SessionData | null;
  try {
    session = await currentSession(now, cfg);
  } catch (err) {
    // Logouts cannot be checked: refuse (503) rather than let a logged-out cookie through.
    if (isStoreUnavailable(err)) return errorResponse(err);
    throw err;
  }
  const officer = session ? findOfficer(session.officer.name, cfg) : null;
  if (!session || !officer) return notLoggedIn();
  if (needsLastSeenRefresh(session, now, sessionLimits(cfg))) {
    await writeSession({ ...session, officer, lastSeenAt: now }, now, cfg);
  }
  return officer;
}

const ROLE_RANK: Record<OfficerRole, number> = { viewer: 0, exporter: 1 };

/**
 * Like requireSession, and a 403 Response when the officer's role is below `role`. `purpose`
 * names what was refused ("users.csv export") in the message and the audit log.
 */
export async function requireRole(role: OfficerRole, purpose = "this action"): Promise<Officer | Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  if (ROLE_RANK[officer.role] >= ROLE_RANK[role]) return officer;
  await auditSessionEvent({ actor: officer.name, action: "refused", target: purpose, outcome: "refused", detail: `needs role ${role}, has ${officer.role}` });
  return jsonError(
    403,
    "insufficient_role",
    `${purpose.charAt(0).toUpperCase()}${purpose.slice(1)} needs the ${role} role; you are logged in as a ${officer.role}. Ask the dashboard's operator to give you the ${role} role.`,
  );
}

/**
 * For server components and layouts of protected pages: the session, or a redirect to the login
 * page that comes back to `path` (default: the path proxy.ts recorded for this request). When the
 * database cannot check logouts, a redirect to /unavailable (a 503 page that says so) rather than
 * a crash: a page cannot answer 503 itself.
 */
export async function requirePageSession(path?: string): Promise<SessionData> {
  const here = path ?? (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
  let session: SessionData | null;
  try {
    session = await getSession();
  } catch (err) {
    if (!isStoreUnavailable(err)) throw err;
    console.error("data store unavailable; a page was refused:", err.message);
    redirect(unavailableUrlFor(here));
  }
  if (session) return session;
  redirect(loginUrlFor(here));
}

async function writeSession(data: SessionData, now: number, cfg: AppConfig): Promise<void> {
  const secure = await isSecureRequest(cfg);
  const remaining = data.issuedAt + cfg.sessionMaxHours * 3_600_000 - now;
  const session = await getIronSession<Partial<SessionData>>(await cookies(), sessionOptions(secure, remaining, cfg));
  session.officer = data.officer;
  session.issuedAt = data.issuedAt;
  session.lastSeenAt = data.lastSeenAt;
  session.sid = data.sid;
  await session.save();
}

/**
 * Log `officer` in: always a fresh sid and cookie (rotation, so a cookie planted before login is
 * worth nothing after it), and any session this browser held before is revoked.
 */
export async function startSession(officer: Officer): Promise<void> {
  const cfg = config();
  const now = Date.now();
  const previous = await currentSession(now, cfg);
  if (previous) await revokeSession(previous, cfg);
  await writeSession({ officer, issuedAt: now, lastSeenAt: now, sid: randomBytes(18).toString("base64url") }, now, cfg);
}

/** Log out: revoke the sid (copies of the cookie die too) and clear the cookie. Returns who it was, if anyone. */
export async function endSession(): Promise<Officer | null> {
  const cfg = config();
  const secure = await isSecureRequest(cfg);
  const jar = await cookies();
  const value = jar.get(sessionCookieName(secure))?.value;
  let officer: Officer | null = null;
  if (value) {
    // Revoke even an idle session: its cookie would be refused anyway, but the sid costs little.
    let data: Partial<SessionData> | undefined;
    try {
      data = await unsealData<Partial<SessionData>>(value, { password: cfg.sessionSecret, ttl: sealTtlSeconds(cfg) });
    } catch {
      /* not ours or damaged: nothing to revoke */
    }
    // A revocation the database cannot record throws (the route answers 503): the cookie is not
    // cleared as if the logout had worked while a copy of it would still be valid.
    if (data && typeof data.sid === "string" && typeof data.issuedAt === "number" && !(await revocationStore().isRevoked(data.sid))) {
      await revokeSession(data as SessionData, cfg);
      officer = data.officer ?? null;
    }
  }
  const session = await getIronSession<Partial<SessionData>>(jar, sessionOptions(secure, 0, cfg));
  session.destroy();
  return officer;
}

async function revokeSession(session: Pick<SessionData, "sid" | "issuedAt">, cfg: AppConfig): Promise<void> {
  await revocationStore().revoke(session.sid, session.issuedAt + cfg.sessionMaxHours * 3_600_000 + 120_000);
}
