import "server-only";
import { unsealData, type SessionOptions } from "iron-session";
import { config, type AppConfig } from "@/lib/server/config";
import { judgeSession, type SessionData, type SessionLimits } from "./session-data";

/*
 * The session cookie itself: its name, its attributes, and how a value is unsealed and judged.
 * No next/headers here, so proxy.ts can use it on a NextRequest.
 */

/** Request header proxy.ts sets to the page's path, so a server component can build `?next=`. */
export const REQUEST_PATH_HEADER = "x-dashboard-path";

// `__Host-` makes browsers refuse the cookie unless Secure, host-only and Path=/; plain-http
// localhost cannot carry Secure, so it gets the bare name.
const COOKIE_BASE_NAME = "cd_session";
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${COOKIE_BASE_NAME}` : COOKIE_BASE_NAME);
/** Both names, for code that only needs to know whether a cookie is there at all. */
export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)] as const;

export function sessionLimits(cfg: AppConfig = config()): SessionLimits {
  return { idleMs: cfg.sessionIdleMinutes * 60_000, maxMs: cfg.sessionMaxHours * 3_600_000 };
}

/** Seal TTL and cookie Max-Age: what is left of the absolute lifetime, so neither outlives it. */
export function sessionOptions(secure: boolean, remainingMs: number, cfg: AppConfig): SessionOptions {
  const maxAge = Math.max(60, Math.ceil(remainingMs / 1000));
  return {
    cookieName: sessionCookieName(secure),
    password: cfg.sessionSecret,
    ttl: maxAge + 60,
    cookieOptions: { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge },
  };
}

/**
 * Unseal and judge a cookie value: the session if it is sealed with our secret and within its
 * idle and absolute limits, else null. No revocation check (that needs the shared store); proxy.ts
 * uses this for its redirect, the route and page checks below add the revocation check.
 */
export async function readSessionCookie(value: string | undefined, now = Date.now(), cfg: AppConfig = config()): Promise<SessionData | null> {
  if (!value || value.length > 4096) return null;
  let data: unknown;
  try {
    data = await unsealData<unknown>(value, { password: cfg.sessionSecret, ttl: sealTtlSeconds(cfg) });
  } catch {
    return null;
  }
  const { verdict, session } = judgeSession(data, now, sessionLimits(cfg));
  return verdict === "valid" && session ? session : null;
}

/** The longest a seal can be valid: the absolute lifetime plus the slack sessionOptions adds. */
export const sealTtlSeconds = (cfg: AppConfig) => cfg.sessionMaxHours * 3600 + 120;
