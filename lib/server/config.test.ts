import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseDashboardUsers } from "./config";
import { hashPassword } from "./session/passwords";

const LIVE_KEY = "sk-ant-api01-a-live-looking-key";
const SECRET = "x".repeat(32);

function configError(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("start-up configuration check", async () => {
  const hash = await hashPassword("pw");

  it("demo mode needs nothing: the demo secret and account stand in", () => {
    const cfg = loadConfig({});
    expect(cfg.mode).toBe("demo");
    expect(cfg.users).toEqual([]);
    expect(cfg.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(cfg.secureCookies).toBe("auto");
    expect(cfg.sessionIdleMinutes).toBe(30);
    expect(cfg.sessionMaxHours).toBe(12);
    // Nothing in front unless said: the socket's address is the client, X-Forwarded-For is ignored.
    expect(cfg.trustedProxyHops).toBeUndefined();
    expect(cfg.connections).toEqual({ headersTimeoutMs: 15_000, requestTimeoutMs: 60_000, maxPerClient: 128 });
    expect(loadConfig({ TRUSTED_PROXY_HOPS: "2" })).toMatchObject({ trustedProxyHops: 2, connections: { maxPerClient: 0 } });
  });

  it("a live key without SESSION_SECRET stops start-up and says what to set", () => {
    expect(configError({ ANTHROPIC_COMPLIANCE_ACCESS_KEY: LIVE_KEY, DASHBOARD_USERS: `a:${hash}` })).toMatch(/SESSION_SECRET is not set/);
  });

  it("a short SESSION_SECRET is refused, in demo mode too", () => {
    expect(configError({ SESSION_SECRET: "short" })).toMatch(/SESSION_SECRET is 5 characters.*at least 32/);
    expect(configError({ ANTHROPIC_COMPLIANCE_ACCESS_KEY: LIVE_KEY, SESSION_SECRET: "y".repeat(31), DASHBOARD_USERS: `a:${hash}` })).toMatch(
      /at least 32/,
    );
  });

  it("an Admin API key is refused with the kind of key to use instead", () => {
    expect(configError({ ANTHROPIC_COMPLIANCE_ACCESS_KEY: "sk-ant-admin01-abc", SESSION_SECRET: SECRET })).toMatch(/Admin API key.*Compliance Access Key/);
  });

  it("a live key with no DASHBOARD_USERS is refused: nobody could log in", () => {
    expect(configError({ ANTHROPIC_COMPLIANCE_ACCESS_KEY: LIVE_KEY, SESSION_SECRET: SECRET })).toMatch(/DASHBOARD_USERS is not set/);
  });

  it("DASHBOARD_USERS entries are name:hash, exporter by default, with an optional viewer/exporter role", () => {
    expect(parseDashboardUsers(`alice:${hash}, bob:${hash}:viewer,carol:${hash}:exporter`)).toEqual([
      { name: "alice", hash, role: "exporter" },
      { name: "bob", hash, role: "viewer" },
      { name: "carol", hash, role: "exporter" },
    ]);
    const cfg = loadConfig({ ANTHROPIC_COMPLIANCE_ACCESS_KEY: LIVE_KEY, SESSION_SECRET: SECRET, DASHBOARD_USERS: `alice:${hash}` });
    expect(cfg.mode).toBe("live");
    expect(cfg.users).toHaveLength(1);
  });

  it("bad DASHBOARD_USERS entries are refused with the reason", () => {
    expect(() => parseDashboardUsers("alice")).toThrow(/not name:hash/);
    expect(() => parseDashboardUsers(`:${hash}`)).toThrow(/not name:hash/);
    expect(() => parseDashboardUsers(`alice:${hash}:admin`)).toThrow(/role "admin"; use viewer or exporter/);
    expect(() => parseDashboardUsers("alice:hunter2")).toThrow(/does not hold a hash/);
    expect(() => parseDashboardUsers(`alice:${hash}:viewer:extra`)).toThrow(/not name:hash/);
    expect(() => parseDashboardUsers(`alice:${hash},alice:${hash}`)).toThrow(/twice/);
  });

  it("a hash whose $ signs a .env file expanded away is refused with the fix", () => {
    // What @next/env makes of an unescaped scrypt$16384$8$1$... value.
    expect(() => parseDashboardUsers("alice:scrypt6384")).toThrow(/looks damaged.*\\\$/);
  });

  it("session and cookie settings are checked", () => {
    expect(configError({ SESSION_IDLE_MINUTES: "0" })).toMatch(/SESSION_IDLE_MINUTES must be a number from 1/);
    expect(configError({ SESSION_MAX_HOURS: "forever" })).toMatch(/SESSION_MAX_HOURS/);
    expect(configError({ SESSION_COOKIE_SECURE: "yes" })).toMatch(/SESSION_COOKIE_SECURE/);
    expect(configError({ TRUSTED_PROXY_HOPS: "1.5" })).toMatch(/TRUSTED_PROXY_HOPS/);
    expect(configError({ TRUSTED_PROXY_HOPS: "0" })).toMatch(/TRUSTED_PROXY_HOPS/);
    expect(configError({ MAX_CONNECTIONS_PER_CLIENT: "2.5" })).toMatch(/MAX_CONNECTIONS_PER_CLIENT/);
    expect(configError({ APP_ORIGIN: "ftp://x" })).toMatch(/APP_ORIGIN/);
    expect(loadConfig({ SESSION_COOKIE_SECURE: "false" }).secureCookies).toBe(false);
    expect(loadConfig({ APP_ORIGIN: "https://compliance.example.com/path" }).appOrigin).toBe("https://compliance.example.com");
  });
});
