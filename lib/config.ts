import "server-only";
import { z } from "zod";
import { parsePasswordHash } from "@/lib/session/passwords";
import { DEMO_ACCESS_KEY, DEMO_SIMULATOR_URL } from "./demo-account";

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
   * failure (transient, 5xx, 429); unset keeps the client's own policy (lib/upstream/retry-policy.ts).
   * Lets a test or a batch job fail fast instead of backing off for minutes.
   */
  maxRetries?: number;
  sessionSecret: string;
  users: DashboardUser[];
  redisUrl?: string;
  cacheTtlSeconds: number;
  dataDir: string;
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
   * Which X-Forwarded-For entry, counted from the right, is the client (TRUSTED_PROXY_HOPS):
   * 1 = the address the nearest proxy saw, or the socket peer when nothing is in front.
   */
  trustedProxyHops: number;
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
      TRUSTED_PROXY_HOPS: numberFrom("TRUSTED_PROXY_HOPS", 1, 1, 10),
      COMPLIANCE_MAX_RETRIES: numberFrom("COMPLIANCE_MAX_RETRIES", -1, 0, 10),
    })
    .safeParse(env);
  if (!nums.success) throw new ConfigError(nums.error.issues[0]?.message ?? "invalid number in configuration");

  const baseUrlRaw = env.COMPLIANCE_API_BASE_URL?.trim() || (mode === "demo" ? DEMO_SIMULATOR_URL : "https://api.anthropic.com");
  let baseUrl: string;
  try {
    const u = new URL(baseUrlRaw);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    baseUrl = u.origin + u.pathname.replace(/\/+$/, "");
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
    secureCookies,
    sessionIdleMinutes: nums.data.SESSION_IDLE_MINUTES,
    sessionMaxHours: nums.data.SESSION_MAX_HOURS,
    trustedProxyHops: nums.data.TRUSTED_PROXY_HOPS,
    appOrigin,
  };
}

let cached: AppConfig | undefined;
/** The process-wide configuration; tests call loadConfig with their own env instead. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
