import { expect } from "vitest";
import { hashPassword } from "@/lib/server/session/passwords";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "@/lib/tools/simulator/server";
import { syncAnswerSchema, type SyncWire } from "@/lib/shared/sync/wire";
import { login, startApp, type AppServer } from "./app-server";

/*
 * What the route suites share: a simulator, and the built app in live mode holding the
 * simulator's full key, with the suite's officers logged in. The simulator's request log is the
 * witness that a refused request reached no upstream.
 */

export interface TestOfficer {
  username: string;
  password: string;
  role?: "viewer" | "exporter";
}

/** An exporter and a viewer, for suites that check what each role may do. */
export const TEST_EXPORTER: TestOfficer = { username: "erin", password: "exporter password for route tests" };
export const TEST_VIEWER: TestOfficer = { username: "victor", password: "viewer password for route tests", role: "viewer" };

export interface LiveApp<Cookies extends readonly string[] = string[]> {
  sim: SimulatorHandle;
  app: AppServer;
  /** The app's environment, to start it again on the same data. */
  env: Record<string, string>;
  /** One session cookie per officer, in the order given. */
  cookies: Cookies;
}

export async function dashboardUsers(officers: readonly TestOfficer[]): Promise<string> {
  const entries = await Promise.all(officers.map(async (o) => `${o.username}:${await hashPassword(o.password)}${o.role ? `:${o.role}` : ""}`));
  return entries.join(",");
}

/** `extra` overrides or adds to the app's environment (DATA_DIR, rate limits, the sync interval...). */
export async function startLiveApp<const O extends readonly TestOfficer[]>(
  simulator: Omit<SimulatorOptions, "port">,
  officers: O,
  extra: Record<string, string> = {},
): Promise<LiveApp<{ [K in keyof O]: string }>> {
  const sim = await startSimulator({ port: 0, ...simulator });
  const env = {
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    COMPLIANCE_API_BASE_URL: sim.url,
    SESSION_SECRET: "live-app-test-session-secret-0123456789abcdef",
    DASHBOARD_USERS: await dashboardUsers(officers),
    ...extra,
  };
  const app = await startApp(env);
  const cookies: string[] = [];
  for (const o of officers) cookies.push(await login(app.url, o.username, o.password));
  return { sim, app, env, cookies: cookies as { [K in keyof O]: string } };
}

export async function closeLiveApp(live: { app?: AppServer; sim?: SimulatorHandle }): Promise<void> {
  await live.app?.close();
  await live.sim?.close();
}

/** Starts a sync through the route (as an exporter) and waits for it to end; it must complete. */
export async function syncToEnd(app: AppServer, cookie: string): Promise<SyncWire> {
  const res = await fetch(`${app.url}/api/syncs`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: "{}" });
  expect(res.status).toBe(202);
  let { sync } = syncAnswerSchema.parse(await res.json());
  while (sync.status === "running") {
    await new Promise((r) => setTimeout(r, 200));
    sync = syncAnswerSchema.parse(await (await fetch(`${app.url}/api/syncs/${sync.id}`, { headers: { cookie } })).json()).sync;
  }
  expect(sync.status).toBe("complete");
  return sync;
}
