import "server-only";
import { z } from "zod";
import { parsePasswordHash } from "@/lib/server/session/passwords";
import { DEMO_ACCESS_KEY, DEMO_SIMULATOR_URL } from "./demo-account";
import { parsePrivilegedActions } from "./privileged/actions";
import { trimEndChars } from "@/lib/shared/format/trim-chars";

export { DEMO_ACCESS_KEY, DEMO_SIMULATOR_URL, DEMO_USERNAME, DEMO_PASSWORD } from "./demo-account";

/*
 * The whole configuration, read from the environment once. A misconfiguration stops start-up
 * with one line naming what to set (CONTRACT.md); `loadConfig` throws ConfigError with that line.
 */

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export type OfficerRole = "viewer" | "exporter";
export interface DashboardUser {
  name: string;
  hash: string;
  role: OfficerRole;
}

export interface AppConfig {
  /** demo: no access key set; the app reads the bundled simulator with its public demo key. */
  mode: "demo" | "live";
  accessKey: string;
  baseUrl: string;
  rateLimitRps: number;
  requestTimeoutMs: number;
  /**
   * COMPLIANCE_MAX_RETRIES: when set, the most retries of one upstream request for any retryable
   * failure (transient, 5xx, 429); unset keeps the client's own policy (lib/server/upstream/retry-policy.ts).
   * Lets a test or a batch job fail fast instead of backing off for minutes.
   */
  maxRetries?: number;
  sessionSecret: string;
  users: DashboardUser[];
  redisUrl?: string;
  cacheTtlSeconds: number;
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL server shared by every instance; unset: the embedded one under dataDir. */
  databaseUrl?: string;
  /** COMPLIANCE_SYNC_INTERVAL_MINUTES: how often a whole-directory sync runs; 0: only on request. */
  syncIntervalMinutes: number;
  /** COMPLIANCE_PRIVILEGED_ACTIONS: RBAC actions the privileged access report counts as administrative. */
  privilegedActions: string[];
  /** COMPLIANCE_SYNC_RETENTION_DAYS: syncs older than this are pruned (the history between those left stays exact). */
  syncRetentionDays: number;
  /**
   * COMPLIANCE_SYNC_STALE_SECONDS: a running sync whose process has not renewed it for this long is
   * taken for dead (killed, cut off) and failed; for tests and operations, default 60.
   */
  syncStaleSeconds: number;
  /**
   * "auto": cookies get `Secure` unless the request came over plain http to localhost, decided per
   * request (the same build serves `npm run demo` on localhost and production behind https).
   * SESSION_COOKIE_SECURE=true|false forces it.
   */
  secureCookies: boolean | "auto";
  /** A session unused for this long ends (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** A session ends this long after login, however busy (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /**
   * How many proxies in front append to X-Forwarded-For (TRUSTED_PROXY_HOPS): the client is that
   * many entries from the right. Unset: nothing is in front, the socket's address is the client
   * and X-Forwarded-For is ignored (a client could write anything there).
   */
  trustedProxyHops?: number;
  /** The server's bounds on slow clients (lib/server/http/connection-guard.ts). */
  connections: {
    /** Time to send a request's headers (HTTP_HEADERS_TIMEOUT_MS). */
    headersTimeoutMs: number;
    /** Time to send a whole request, body included; never applies to a response (HTTP_REQUEST_TIMEOUT_MS). */
    requestTimeoutMs: number;
    /** Open connections from one socket address; 0: no cap (MAX_CONNECTIONS_PER_CLIENT). */
    maxPerClient: number;
  };
  /** Each officer's share of the upstream budget and of concurrent work (lib/server/throttle/officer-share.ts). */
  officerShare: {
    /** Upstream calls (cache misses) an officer may start per minute; half of it as a burst (OFFICER_UPSTREAM_PER_MINUTE). */
    upstreamPerMinute: number;
    /** Upstream calls and heavy jobs (exports, resolutions, reconciliations) one officer may have running at once (OFFICER_CONCURRENT_REQUESTS). */
    concurrent: number;
  };
  /** The public origin when a proxy in front rewrites Host (APP_ORIGIN); accepted by the Origin check. */
  appOrigin?: string;
}

// Demo sessions only protect synthetic data; a fixed secret keeps `npm run demo` one command.
const DEMO_SESSION_SECRET = "demo-session-secret-for-synthetic-data-only-0000";

const numberFrom = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

export function parseDashboardUsers(raw: string): DashboardUser[] {
  const users = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const parts = entry.split(":");
      const [name, hash, role = "exporter"] = parts;
      if (parts.length < 2 || parts.length > 3 || !name || !hash) {
        throw new ConfigError(
          `DASHBOARD_USERS entry "${entry.slice(0, 40)}" is not name:hash[:role]; make hashes with: npm run --silent hash-password -- PASSWORD`,
        );
      }
      if (!hash.startsWith("scrypt")) {
        throw new ConfigError(
          `DASHBOARD_USERS entry for "${name}" does not hold a hash; make one with: npm run --silent hash-password -- PASSWORD`,
        );
      }
      const problem = parsePasswordHash(hash);
      if (typeof problem === "string") {
        // The usual cause: a .env file or a shell in double quotes expanded the `$` signs.
        throw new ConfigError(
          `DASHBOARD_USERS entry for "${name}" ${problem}; it looks damaged: in a .env file write each $ as \\$, in a shell use single quotes`,
        );
      }
      if (role !== "viewer" && role !== "exporter") {
        throw new ConfigError(`DASHBOARD_USERS entry for "${name}" has role "${role}"; use viewer or exporter`);
      }
      return { name, hash, role } satisfies DashboardUser;
    });
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.name)) throw new ConfigError(`DASHBOARD_USERS names "${u.name}" twice; keep one entry per officer`);
    seen.add(u.name);
  }
  return users;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const key = env.ANTHROPIC_COMPLIANCE_ACCESS_KEY?.trim() || undefined;
  const mode = key ? "live" : "demo";
  if (key?.startsWith("sk-ant-admin01-")) {
    throw new ConfigError(
      "ANTHROPIC_COMPLIANCE_ACCESS_KEY holds an Admin API key (sk-ant-admin01-...); the Compliance API refuses it. Set a Compliance Access Key (sk-ant-api01-...) from claude.ai Data Management settings.",
    );
  }

  const nums = z
    .object({
      COMPLIANCE_RATE_LIMIT_RPS: numberFrom("COMPLIANCE_RATE_LIMIT_RPS", 4, 0.1, 10),
      COMPLIANCE_REQUEST_TIMEOUT_MS: numberFrom("COMPLIANCE_REQUEST_TIMEOUT_MS", 30_000, 100, 600_000),
      COMPLIANCE_CACHE_TTL_SECONDS: numberFrom("COMPLIANCE_CACHE_TTL_SECONDS", 300, 0, 86_400),
      SESSION_IDLE_MINUTES: numberFrom("SESSION_IDLE_MINUTES", 30, 1, 1_440),
      SESSION_MAX_HOURS: numberFrom("SESSION_MAX_HOURS", 12, 1, 168),
      TRUSTED_PROXY_HOPS: numberFrom("TRUSTED_PROXY_HOPS", 0, 1, 10),
      HTTP_HEADERS_TIMEOUT_MS: numberFrom("HTTP_HEADERS_TIMEOUT_MS", 15_000, 100, 600_000),
      HTTP_REQUEST_TIMEOUT_MS: numberFrom("HTTP_REQUEST_TIMEOUT_MS", 60_000, 100, 3_600_000),
      MAX_CONNECTIONS_PER_CLIENT: numberFrom("MAX_CONNECTIONS_PER_CLIENT", -1, 0, 100_000),
      OFFICER_UPSTREAM_PER_MINUTE: numberFrom("OFFICER_UPSTREAM_PER_MINUTE", 120, 2, 36_000),
      OFFICER_CONCURRENT_REQUESTS: numberFrom("OFFICER_CONCURRENT_REQUESTS", 8, 1, 1_000),
      COMPLIANCE_MAX_RETRIES: numberFrom("COMPLIANCE_MAX_RETRIES", -1, 0, 10),
      COMPLIANCE_SYNC_INTERVAL_MINUTES: numberFrom("COMPLIANCE_SYNC_INTERVAL_MINUTES", 360, 0, 525_600),
      COMPLIANCE_SYNC_RETENTION_DAYS: numberFrom("COMPLIANCE_SYNC_RETENTION_DAYS", 400, 1, 36_500),
      COMPLIANCE_SYNC_STALE_SECONDS: numberFrom("COMPLIANCE_SYNC_STALE_SECONDS", 60, 2, 3_600),
    })
    .safeParse(env);
  if (!nums.success) throw new ConfigError(nums.error.issues[0]?.message ?? "invalid number in configuration");

  const baseUrlRaw = env.COMPLIANCE_API_BASE_URL?.trim() || (mode === "demo" ? DEMO_SIMULATOR_URL : "https://api.anthropic.com");
  let baseUrl: string;
  try {
    const u = new URL(baseUrlRaw);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    baseUrl = u.origin + trimEndChars(u.pathname, "/");
  } catch {
    throw new ConfigError(`COMPLIANCE_API_BASE_URL "${baseUrlRaw}" is not an http(s) URL; set it to e.g. https://api.anthropic.com`);
  }

  const secret = env.SESSION_SECRET || (mode === "demo" ? DEMO_SESSION_SECRET : undefined);
  if (!secret) throw new ConfigError("SESSION_SECRET is not set; set it to a random string of at least 32 characters (e.g. openssl rand -base64 48).");
  if (secret.length < 32) throw new ConfigError(`SESSION_SECRET is ${secret.length} characters; set it to a random string of at least 32 characters.`);

  const usersRaw = env.DASHBOARD_USERS?.trim();
  if (mode === "live" && !usersRaw) {
    throw new ConfigError(
      "DASHBOARD_USERS is not set, so nobody could log in; set it to name:hash pairs made with: npm run --silent hash-password -- PASSWORD",
    );
  }
  const users = usersRaw ? parseDashboardUsers(usersRaw) : [];

  const secureRaw = env.SESSION_COOKIE_SECURE?.trim().toLowerCase() || "auto";
  if (secureRaw !== "auto" && secureRaw !== "true" && secureRaw !== "false") {
    throw new ConfigError(`SESSION_COOKIE_SECURE is "${secureRaw}"; set it to true, false, or leave it unset (auto)`);
  }
  const secureCookies = secureRaw === "auto" ? "auto" : secureRaw === "true";

  if (!Number.isInteger(nums.data.TRUSTED_PROXY_HOPS)) throw new ConfigError("TRUSTED_PROXY_HOPS must be a whole number from 1 to 10");
  for (const name of ["MAX_CONNECTIONS_PER_CLIENT", "OFFICER_CONCURRENT_REQUESTS"] as const) {
    if (!Number.isInteger(nums.data[name])) throw new ConfigError(`${name} must be a whole number`);
  }
  if (!Number.isInteger(nums.data.COMPLIANCE_MAX_RETRIES)) throw new ConfigError("COMPLIANCE_MAX_RETRIES must be a whole number from 0 to 10");

  let appOrigin: string | undefined;
  const appOriginRaw = env.APP_ORIGIN?.trim();
  if (appOriginRaw) {
    try {
      const u = new URL(appOriginRaw);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
      appOrigin = u.origin;
    } catch {
      throw new ConfigError(`APP_ORIGIN "${appOriginRaw}" is not an http(s) origin; set it to the dashboard's public address, e.g. https://compliance.example.com`);
    }
  }

  const privilegedActions = parsePrivilegedActions(env.COMPLIANCE_PRIVILEGED_ACTIONS);
  if (typeof privilegedActions === "string") throw new ConfigError(`${privilegedActions}; e.g. COMPLIANCE_PRIVILEGED_ACTIONS="*:export,settings:write"`);

  let databaseUrl: string | undefined;
  const databaseUrlRaw = env.DATABASE_URL?.trim();
  if (databaseUrlRaw) {
    let ok = false;
    try {
      ok = ["postgres:", "postgresql:"].includes(new URL(databaseUrlRaw).protocol);
    } catch {
      ok = false;
    }
    // Never echo the URL: it usually carries a password.
    if (!ok) throw new ConfigError("DATABASE_URL is not a postgres:// URL; set it to postgres://user:password@host:5432/database, or unset it to use the embedded database under DATA_DIR");
    databaseUrl = databaseUrlRaw;
  }

  return {
    mode,
    accessKey: key ?? DEMO_ACCESS_KEY,
    baseUrl,
    rateLimitRps: nums.data.COMPLIANCE_RATE_LIMIT_RPS,
    requestTimeoutMs: nums.data.COMPLIANCE_REQUEST_TIMEOUT_MS,
    ...(nums.data.COMPLIANCE_MAX_RETRIES >= 0 ? { maxRetries: nums.data.COMPLIANCE_MAX_RETRIES } : {}),
    cacheTtlSeconds: nums.data.COMPLIANCE_CACHE_TTL_SECONDS,
    sessionSecret: secret,
    users,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    dataDir: env.DATA_DIR?.trim() || "data",
    databaseUrl,
    privilegedActions,
    syncIntervalMinutes: nums.data.COMPLIANCE_SYNC_INTERVAL_MINUTES,
    syncRetentionDays: nums.data.COMPLIANCE_SYNC_RETENTION_DAYS,
    syncStaleSeconds: nums.data.COMPLIANCE_SYNC_STALE_SECONDS,
    secureCookies,
    sessionIdleMinutes: nums.data.SESSION_IDLE_MINUTES,
    sessionMaxHours: nums.data.SESSION_MAX_HOURS,
    ...(nums.data.TRUSTED_PROXY_HOPS > 0 ? { trustedProxyHops: nums.data.TRUSTED_PROXY_HOPS } : {}),
    connections: {
      headersTimeoutMs: Math.min(nums.data.HTTP_HEADERS_TIMEOUT_MS, nums.data.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: nums.data.HTTP_REQUEST_TIMEOUT_MS,
      // Behind a proxy every connection comes from the proxy: no per-address cap unless asked for.
      maxPerClient: nums.data.MAX_CONNECTIONS_PER_CLIENT >= 0 ? nums.data.MAX_CONNECTIONS_PER_CLIENT : nums.data.TRUSTED_PROXY_HOPS > 0 ? 0 : 128,
    },
    officerShare: {
      upstreamPerMinute: nums.data.OFFICER_UPSTREAM_PER_MINUTE,
      concurrent: nums.data.OFFICER_CONCURRENT_REQUESTS,
    },
    appOrigin,
  };
}

let cached: AppConfig | undefined;
/** The process-wide configuration; tests call loadConfig with their own env instead. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
