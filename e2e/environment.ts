import { scryptSync, randomBytes } from "node:crypto";

/*
 * One place that decides the browser suite's ports, accounts and keys. Playwright loads the
 * config in its runner and again in each worker; values are put in process.env the first time
 * so every process agrees.
 */

export const E2E_OFFICER = { username: "auditor", password: "e2e-password-for-tests" };
export const E2E_VIEWER = { username: "viewer", password: "e2e-viewer-password" };
/** The simulator's full-scope key (lib/tools/simulator/keys.ts); a live-mode key as far as the app knows. */
export const E2E_ACCESS_KEY = "sk-ant-api01-sim-full-scope-key-for-tests-0001";

function hash(password: string): string {
  const salt = randomBytes(16);
  const N = 16384, r = 8, p = 1;
  const out = scryptSync(password, salt, 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${out.toString("base64")}`;
}

function pick(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name]!;
}

export function e2eEnvironment() {
  const appPort = Number(pick("E2E_APP_PORT", () => String(3400 + Math.floor(Math.random() * 400))));
  const simPort = Number(pick("E2E_SIM_PORT", () => String(4400 + Math.floor(Math.random() * 400))));
  const users = pick("E2E_DASHBOARD_USERS", () => `${E2E_OFFICER.username}:${hash(E2E_OFFICER.password)},${E2E_VIEWER.username}:${hash(E2E_VIEWER.password)}:viewer`);
  const appUrl = `http://127.0.0.1:${appPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  return {
    appPort,
    simPort,
    appUrl,
    simUrl,
    appEnv: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ANTHROPIC_COMPLIANCE_ACCESS_KEY: E2E_ACCESS_KEY,
      COMPLIANCE_API_BASE_URL: simUrl,
      SESSION_SECRET: pick("E2E_SESSION_SECRET", () => randomBytes(32).toString("hex")),
      DASHBOARD_USERS: users,
      DATA_DIR: pick("E2E_DATA_DIR", () => `test-results/e2e-data-${appPort}`),
      COMPLIANCE_RATE_LIMIT_RPS: "8",
      // A build made into its own folder (NEXT_DIST_DIR=.next-x npx next build) is served from there.
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    } as Record<string, string>,
  };
}
