import { sealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/server/config";
import { readSessionCookie, sessionCookieName, sessionOptions } from "./session-cookie";
import { judgeSession, needsLastSeenRefresh, type SessionData } from "./session-data";

const cfg = loadConfig({ SESSION_SECRET: "s".repeat(40), SESSION_IDLE_MINUTES: "30", SESSION_MAX_HOURS: "12" });
const T0 = 1_700_000_000_000;
const MIN = 60_000;
const session = (over: Partial<SessionData> = {}): SessionData => ({
  officer: { name: "alice", role: "viewer" },
  issuedAt: T0,
  lastSeenAt: T0,
  sid: "abcdefghijklmnopqrstuvwx",
  ...over,
});
const limits = { idleMs: 30 * MIN, maxMs: 12 * 60 * MIN };

describe("session lifetime", () => {
  it("is valid until 30 idle minutes or 12 hours after login, whichever comes first", () => {
    expect(judgeSession(session(), T0 + 29 * MIN, limits).verdict).toBe("valid");
    expect(judgeSession(session(), T0 + 30 * MIN, limits).verdict).toBe("idle");
    const busy = session({ lastSeenAt: T0 + 12 * 60 * MIN - MIN });
    expect(judgeSession(busy, T0 + 12 * 60 * MIN - 1, limits).verdict).toBe("valid");
    expect(judgeSession(busy, T0 + 12 * 60 * MIN, limits).verdict).toBe("expired");
  });

  it("refuses data that is not a session, or stamped in the future", () => {
    expect(judgeSession({}, T0, limits).verdict).toBe("invalid");
    expect(judgeSession({ ...session(), officer: { name: "x", role: "admin" } }, T0, limits).verdict).toBe("invalid");
    expect(judgeSession(session({ issuedAt: T0 + 10 * MIN, lastSeenAt: T0 + 10 * MIN }), T0, limits).verdict).toBe("invalid");
  });

  it("slides lastSeenAt at most once a minute, and often enough for a short idle limit", () => {
    expect(needsLastSeenRefresh(session(), T0 + 59_999, limits)).toBe(false);
    expect(needsLastSeenRefresh(session(), T0 + 60_000, limits)).toBe(true);
    const oneMinuteIdle = { idleMs: MIN, maxMs: limits.maxMs };
    expect(needsLastSeenRefresh(session(), T0 + 15_000, oneMinuteIdle)).toBe(true);
  });
});

describe("the session cookie", () => {
  it("is httpOnly, SameSite=Lax, Path=/, Secure with the __Host- prefix except on plain-http localhost", () => {
    const secure = sessionOptions(true, 3_600_000, cfg);
    expect(secure.cookieName).toBe("__Host-cd_session");
    expect(secure.cookieOptions).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 3600 });
    expect(secure.cookieOptions).not.toHaveProperty("domain");
    expect(sessionCookieName(false)).toBe("cd_session");
    expect(sessionOptions(false, 1, cfg).cookieOptions).toMatchObject({ secure: false, httpOnly: true });
  });

  it("is read only when sealed with our secret and still live", async () => {
    const now = Date.now();
    const live = session({ issuedAt: now - MIN, lastSeenAt: now - MIN });
    const sealed = await sealData(live, { password: cfg.sessionSecret, ttl: 3600 });
    expect(await readSessionCookie(sealed, now, cfg)).toEqual(live);
    expect(await readSessionCookie(sealed, now + 31 * MIN, cfg)).toBeNull();
    expect(await readSessionCookie(await sealData(live, { password: "t".repeat(40), ttl: 3600 }), now, cfg)).toBeNull();
    expect(await readSessionCookie(sealed.slice(0, -10) + "AAAAAAAAAA", now, cfg)).toBeNull();
    expect(await readSessionCookie("not-a-seal", now, cfg)).toBeNull();
    expect(await readSessionCookie(undefined, now, cfg)).toBeNull();
  });
});
