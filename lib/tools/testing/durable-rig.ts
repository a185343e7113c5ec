import { afterAll, beforeAll, expect } from "vitest";
import { hashPassword } from "@/lib/server/session/passwords";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "@/lib/tools/simulator/server";
import { login, startApp, type AppServer } from "./app-server";
import { startPostgresServer, type PostgresServer } from "./postgres-server";

/*
 * What the durable-directory suites share: officers, the env of an app aimed at a simulator, and
 * small readers for the sync and directory routes. Each suite starts its own simulator, apps and
 * (for DATABASE_URL) PostgreSQL.
 */

export const EXPORTER = { username: "olga", password: "durable-suite-password-0001" };
export const VIEWER = { username: "vic", password: "durable-suite-viewer-0002" };

export interface SyncWire {
  id: string;
  status: "running" | "complete" | "failed" | "cancelled";
  finished_at: string | null;
  counts: Record<string, number> | null;
  upstream_calls: number;
  sha256: string | null;
  error: { type: string; message: string } | null;
}

export async function appEnv(sim: SimulatorHandle, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: sim.keys.full,
    COMPLIANCE_API_BASE_URL: sim.url,
    // One secret for every instance: a cookie issued by one is read by the others.
    SESSION_SECRET: "durable-suite-session-secret-0123456789abcdef",
    DASHBOARD_USERS: `${EXPORTER.username}:${await hashPassword(EXPORTER.password)},${VIEWER.username}:${await hashPassword(VIEWER.password)}:viewer`,
    COMPLIANCE_RATE_LIMIT_RPS: "10",
    COMPLIANCE_SYNC_INTERVAL_MINUTES: "0",
    COMPLIANCE_SYNC_STALE_SECONDS: "3",
    ...extra,
  };
}

/** A PostgreSQL of the suite's own and a simulator, with the env of an app on both (DATABASE_URL). */
export async function startPostgresSuite(
  database: string,
  simulator: Omit<SimulatorOptions, "port">,
): Promise<{ pgServer: PostgresServer; sim: SimulatorHandle; env: Record<string, string> }> {
  const pgServer = await startPostgresServer({ database });
  const sim = await startSimulator({ port: 0, ratePerMinute: 60_000, ...simulator });
  return { pgServer, sim, env: await appEnv(sim, { DATABASE_URL: pgServer.url }) };
}

/** Stops the apps and the simulator, and the cluster whatever else fails to close: no test run leaves one running. */
export async function closePostgresSuite(pgServer: PostgresServer | undefined, ...others: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  try {
    await Promise.allSettled(others.map((o) => o?.close()));
  } finally {
    await pgServer?.close();
  }
}

export interface Officer {
  app: AppServer;
  cookie: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function officer(app: AppServer, who = EXPORTER): Promise<Officer> {
  const cookie = await login(app.url, who.username, who.password);
  return {
    app,
    cookie,
    get: (path, init = {}) => fetch(`${app.url}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string> | undefined) } }),
    post: (path, body, headers = {}) =>
      fetch(`${app.url}${path}`, {
        method: "POST",
        headers: { cookie, origin: app.url, "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
  };
}

export async function startAppWith(sim: SimulatorHandle, extra: Record<string, string> = {}): Promise<AppServer> {
  return startApp(await appEnv(sim, extra));
}

export async function requestSync(o: Officer): Promise<SyncWire> {
  const res = await o.post("/api/syncs", {});
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { sync: SyncWire }).sync;
}

export async function syncs(o: Officer): Promise<SyncWire[]> {
  const res = await o.get("/api/syncs");
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { syncs: SyncWire[] }).syncs;
}

export async function getSync(o: Officer, id: string): Promise<SyncWire> {
  const res = await o.get(`/api/syncs/${id}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { sync: SyncWire }).sync;
}

/** Polls until `check` answers a value (no timing assertion: the test's own timeout bounds it). */
export async function until<T>(what: string, check: () => Promise<T | undefined>, everyMs = 250, limitMs = 55_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function syncEnded(o: Officer, id: string): Promise<SyncWire> {
  return until(`sync ${id} to end`, async () => {
    const s = await getSync(o, id);
    return s.status === "running" ? undefined : s;
  });
}

export interface PeopleAnswer {
  status: number;
  people: number;
  done?: { builtAt: unknown; counts: Record<string, number> };
  error?: { type: string; message: string };
}

/** GET /api/directory/people read to its end (NDJSON: progress, catalog, people chunks, done or error). */
export async function people(o: Officer): Promise<PeopleAnswer> {
  const res = await o.get("/api/directory/people");
  const text = await res.text();
  if (!res.ok) return { status: res.status, people: 0, error: (JSON.parse(text) as { error: PeopleAnswer["error"] }).error };
  const answer: PeopleAnswer = { status: res.status, people: 0 };
  for (const line of text.split("\n").filter(Boolean)) {
    const l = JSON.parse(line) as { type: string; rows?: unknown[]; error?: PeopleAnswer["error"]; builtAt?: unknown; counts?: Record<string, number> };
    if (l.type === "people") answer.people += l.rows!.length;
    if (l.type === "done") answer.done = { builtAt: l.builtAt, counts: l.counts! };
    if (l.type === "error") answer.error = l.error;
  }
  return answer;
}

export async function summary(o: Officer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await o.get("/api/directory/summary");
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The simulator's API calls (control paths are not logged as API calls). */
export function apiCalls(sim: SimulatorHandle): string[] {
  return sim.log().map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ""}`);
}

/** A suite's PostgreSQL, simulator, app instances and an exporting officer on each, once its beforeAll has run. */
export interface PostgresRig {
  readonly pgServer: PostgresServer;
  readonly sim: SimulatorHandle;
  /** The app instances, in start order; all share the database. */
  readonly apps: AppServer[];
  /** The exporting officer, logged in on each instance (same order as apps). */
  readonly officers: Officer[];
  /** The first instance, and the exporter on it. */
  readonly app: AppServer;
  readonly exp: Officer;
}

/**
 * Registers the hooks of a suite on its own PostgreSQL: starts the database, the simulator and
 * `instances` apps together (each runs the migrations at start), logs the exporter in on each, and
 * closes it all after. Does nothing when `missing` says PostgreSQL is not there.
 */
export function postgresRig(missing: string | null | undefined, database: string, simulator: Omit<SimulatorOptions, "port">, instances = 1): PostgresRig {
  const rig = {
    apps: [] as AppServer[],
    officers: [] as Officer[],
    get app() {
      return this.apps[0]!;
    },
    get exp() {
      return this.officers[0]!;
    },
  } as { -readonly [K in keyof PostgresRig]: PostgresRig[K] };
  beforeAll(async () => {
    if (missing) return;
    let env: Record<string, string>;
    ({ pgServer: rig.pgServer, sim: rig.sim, env } = await startPostgresSuite(database, simulator));
    rig.apps = await Promise.all(Array.from({ length: instances }, () => startApp(env)));
    rig.officers = await Promise.all(rig.apps.map((app) => officer(app)));
  });
  afterAll(() => closePostgresSuite(rig.pgServer, ...rig.apps, rig.sim));
  return rig;
}
