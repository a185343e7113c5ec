import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/session/passwords";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type LogEntry, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { login, startApp, type AppServer } from "@/lib/tools/testing/app-server";
import { redisServerMissing, startRedisServer, type RedisServer } from "@/lib/tools/testing/redis-server";
import { maxInWindow } from "@/lib/tools/testing/start-windows";

/*
 * Several app instances, one upstream budget: two real `next start` processes with the same
 * REDIS_URL in front of the simulator, against a real redis-server. The simulator's log is the
 * witness: request starts per one-second window, and how many calls a load cost.
 */

const missing = redisServerMissing();
const suite = missing && !process.env.CI ? describe.skip : describe;
const title = missing && !process.env.CI ? `two app instances sharing Redis (skipped: ${missing})` : "two app instances sharing Redis";

const RPS = 4;
/** What each instance keeps to while the shared limiter is unreachable (lib/server/throttle/redis-limiter.ts). */
const FALLBACK_RPS = Math.min(1, RPS);
const OFFICER = { username: "morgan", password: "multi-instance password 42" };

let sim: SimulatorHandle;
let redis: RedisServer;
let apps: AppServer[] = [];
let cookies: string[] = [];

/** The most calls that reached the simulator within any one second. */
const maxPerSecond = (entries: LogEntry[]) => maxInWindow(entries.map((e) => e.t));

const apiCalls = () => sim.log().filter((e) => e.path.startsWith("/v1/"));

async function through(k: number, path: string): Promise<Response> {
  const i = k % apps.length;
  return fetch(`${apps[i]!.url}${path}`, { headers: { cookie: cookies[i]! } });
}

/** Distinct requests: every organization's settings and roles, and every group. */
/**
 * Requests no instance has answered yet: each attempt (CI retries a failed test once) asks with a
 * page size of its own, so a retry is not answered from the cache the first attempt filled.
 */
let attempt = 0;
function distinctPaths(): string[] {
  const limit = 999 - attempt++; // 1000 is the test above's
  const paths: string[] = [];
  for (const o of sim.directory.organizations) paths.push(`/api/compliance/organizations/${o.uuid}/users?limit=${limit}`, `/api/compliance/organizations/${o.uuid}/roles?limit=${limit}`);
  for (const g of sim.directory.groups) paths.push(`/api/compliance/groups/${g.id}/members?limit=${limit}`);
  return paths;
}

beforeAll(async () => {
  if (missing && !process.env.CI) return;
  // The simulator's own budget is far above ours: what is under test is our throttle, not its 429s.
  sim = await startSimulator({ port: 0, seed: "multi-instance", orgs: 8, users: 1_600, groups: 8, ratePerMinute: 60_000, arrivalClock: true });
  redis = await startRedisServer();
  const hash = await hashPassword(OFFICER.password);
  const env = {
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    COMPLIANCE_API_BASE_URL: sim.url,
    SESSION_SECRET: "multi-instance-test-session-secret-0123456789",
    DASHBOARD_USERS: `${OFFICER.username}:${hash}`,
    COMPLIANCE_RATE_LIMIT_RPS: String(RPS),
    COMPLIANCE_CACHE_TTL_SECONDS: "300",
    REDIS_URL: redis.url,
    // One officer stands in for a crowd here: this measures the shared throttle, not each officer's share.
    OFFICER_CONCURRENT_REQUESTS: "200",
    OFFICER_UPSTREAM_PER_MINUTE: "6000",
  };
  apps = await Promise.all([0, 1].map((i) => startApp({ ...env, DATA_DIR: `test-results/multi-instance-${process.pid}-${i}` })));
  cookies = await Promise.all(apps.map((a) => login(a.url, OFFICER.username, OFFICER.password)));
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await redis?.close();
  await sim?.close();
});

suite(title, () => {
  it("20 concurrent identical requests through both instances cost one upstream call", async () => {
    sim.clearLog();
    const org = sim.directory.organizations[0]!.uuid;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => through(k, `/api/compliance/organizations/${org}/users?limit=1000`)));
    for (const res of answers) expect(res.status).toBe(200);
    expect(apiCalls()).toHaveLength(1);
    // And what one instance fetched, the other serves from the shared cache.
    const again = await Promise.all([0, 1].map((k) => through(k, `/api/compliance/organizations/${org}/users?limit=1000`)));
    for (const res of again) expect(res.headers.get("x-data-cache")).toBe("hit");
    expect(apiCalls()).toHaveLength(1);
  });

  it("concurrent load through both: no one-second window over the rate, every request answered, each distinct request fetched once", async () => {
    sim.clearLog();
    const paths = distinctPaths();
    // Every path asked three times, through alternating instances, all at once.
    const load = [...paths, ...paths, ...paths];
    const answers = await Promise.all(load.map((p, k) => through(k, p)));
    expect(answers.map((r) => r.status)).toEqual(load.map(() => 200));
    const log = apiCalls();
    expect(log.every((e) => e.status === 200)).toBe(true);
    expect(log).toHaveLength(paths.length);
    expect(maxPerSecond(log)).toBeLessThanOrEqual(RPS);
  });

  it("Redis stopped mid-load: requests keep succeeding, and each instance keeps within its own share of the rate", async () => {
    sim.clearLog();
    // A cold load: refresh every distinct request through alternating instances.
    const paths = distinctPaths().slice(0, 16);
    const load = Promise.all(paths.map((p, k) => fetch(`${apps[k % 2]!.url}${p}`, { headers: { cookie: cookies[k % 2]!, "x-dashboard-refresh": "1" } })));
    while (apiCalls().length < 3) await new Promise((r) => setTimeout(r, 20));
    const killedAt = Date.now();
    await redis.kill();
    const answers = await load;
    expect(answers.map((r) => r.status)).toEqual(paths.map(() => 200));

    const log = apiCalls();
    expect(log).toHaveLength(paths.length);
    expect(maxPerSecond(log)).toBeLessThanOrEqual(RPS);
    const after = log.filter((e) => e.t > killedAt + 1_000);
    expect(after.length).toBeGreaterThan(0);
    expect(maxPerSecond(after)).toBeLessThanOrEqual(apps.length * FALLBACK_RPS);

    // Each instance said so plainly, once per subsystem.
    for (const app of apps) {
      expect(app.output().match(/Shared cache unreachable/g) ?? []).toHaveLength(1);
      expect(app.output()).toMatch(/Shared rate limiter unreachable/);
      expect(app.output()).not.toContain(SIM_KEYS.full);
    }
  });
});
