import "server-only";
import { z } from "zod";

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
  sessionSecret: string;
  users: DashboardUser[];
  redisUrl?: string;
  cacheTtlSeconds: number;
  dataDir: string;
  /** Cookies get `Secure` unless the app is served over plain http on localhost. */
  secureCookies: boolean;
}

/** The simulator's demo key: public on purpose, it unlocks nothing but synthetic data. */
export const DEMO_ACCESS_KEY = "sk-ant-api01-simulator-demo-key-not-a-secret";
export const DEMO_SIMULATOR_URL = "http://127.0.0.1:4010";
export const DEMO_USERNAME = "officer";
export const DEMO_PASSWORD = "compliance-demo";
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
  return raw
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
      if (!hash.startsWith("scrypt$")) {
        throw new ConfigError(
          `DASHBOARD_USERS entry for "${name}" does not hold a hash; make one with: npm run --silent hash-password -- PASSWORD`,
        );
      }
      if (role !== "viewer" && role !== "exporter") {
        throw new ConfigError(`DASHBOARD_USERS entry for "${name}" has role "${role}"; use viewer or exporter`);
      }
      return { name, hash, role };
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
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

  const secret = env.SESSION_SECRET ?? (mode === "demo" ? DEMO_SESSION_SECRET : undefined);
  if (!secret) throw new ConfigError("SESSION_SECRET is not set; set it to a random string of at least 32 characters (e.g. openssl rand -base64 48).");
  if (secret.length < 32) throw new ConfigError(`SESSION_SECRET is ${secret.length} characters; set it to a random string of at least 32 characters.`);

  const usersRaw = env.DASHBOARD_USERS?.trim();
  if (mode === "live" && !usersRaw) {
    throw new ConfigError(
      "DASHBOARD_USERS is not set, so nobody could log in; set it to name:hash pairs made with: npm run --silent hash-password -- PASSWORD",
    );
  }
  const users = usersRaw ? parseDashboardUsers(usersRaw) : [];

  const secureCookies = env.SESSION_COOKIE_SECURE
    ? env.SESSION_COOKIE_SECURE === "true"
    : mode === "live" && env.NODE_ENV === "production" && !/^http:\/\/(localhost|127\.0\.0\.1)/.test(env.APP_ORIGIN ?? "");

  return {
    mode,
    accessKey: key ?? DEMO_ACCESS_KEY,
    baseUrl,
    rateLimitRps: nums.data.COMPLIANCE_RATE_LIMIT_RPS,
    requestTimeoutMs: nums.data.COMPLIANCE_REQUEST_TIMEOUT_MS,
    cacheTtlSeconds: nums.data.COMPLIANCE_CACHE_TTL_SECONDS,
    sessionSecret: secret,
    users,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    dataDir: env.DATA_DIR?.trim() || "data",
    secureCookies,
  };
}

let cached: AppConfig | undefined;
/** The process-wide configuration; tests call loadConfig with their own env instead. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
