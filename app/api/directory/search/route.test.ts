import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import { SIM_KEYS } from "@/lib/simulator/keys";
import { hashPassword } from "@/lib/session/passwords";
import { login, startApp, type AppServer } from "@/lib/testing/app-server";
import { searchAnswerSchema } from "@/lib/directory/search-wire";
import { syncAnswerSchema } from "@/lib/sync/wire";

/*
 * GET /api/directory/search through the built app (`next start`) over the simulator, whose request
 * log witnesses that bad input reaches nothing upstream, and that a search after a sync is answered
 * from the store alone.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "sam", password: "header search test password 3" };

const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "search-route", orgUserCounts: [80, 30], groups: 4 });
  app = await startApp({
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    COMPLIANCE_API_BASE_URL: sim.url,
    SESSION_SECRET: "search-route-test-secret-0123456789abcdef",
    DASHBOARD_USERS: `${OFFICER.username}:${await hashPassword(OFFICER.password)}`,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "search-route-")),
    COMPLIANCE_RATE_LIMIT_RPS: "10",
    COMPLIANCE_SYNC_INTERVAL_MINUTES: "0",
  });
  cookie = await login(app.url, OFFICER.username, OFFICER.password);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

beforeEach(async () => {
  await sim.clearLog();
});

describe("GET /api/directory/search", () => {
  it("refuses bad input with a 400 that says what to do, and calls no upstream", async () => {
    const bad = [
      "/api/directory/search",
      "/api/directory/search?q=",
      "/api/directory/search?q=%20%20",
      `/api/directory/search?q=${"a".repeat(201)}`,
      "/api/directory/search?q=a%00b",
      "/api/directory/search?q=a&q=b",
      "/api/directory/search?q=a&limit=5",
      "/api/directory/search?q=a&as_of=yesterday",
    ];
    for (const p of bad) {
      const res = await get(p);
      expect(res.status, p).toBe(400);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type, p).toBe("invalid_request");
      expect(body.error.message.length, p).toBeGreaterThan(20);
    }
    expect((await fetch(`${app.url}/api/directory/search?q=a`)).status).toBe(401);
    expect(await sim.log()).toHaveLength(0);
  });

  it("after a sync, finds a person by email from the store with no upstream call", async () => {
    const res = await fetch(`${app.url}/api/syncs`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(202);
    let { sync } = syncAnswerSchema.parse(await res.json());
    while (sync.status === "running") {
      await new Promise((r) => setTimeout(r, 200));
      sync = syncAnswerSchema.parse(await (await get(`/api/syncs/${sync.id}`)).json()).sync;
    }
    expect(sync.status).toBe("complete");
    await sim.clearLog();

    const user = sim.directory.usersOf(sim.directory.organizations[1]!.uuid)[3]!;
    const found = await get(`/api/directory/search?q=${encodeURIComponent(user.email.toUpperCase())}`);
    expect(found.status).toBe(200);
    const answer = searchAnswerSchema.parse(await found.json());
    expect(answer.results[0]).toMatchObject({ kind: "person", id: user.id, match: "exact" });
    expect(answer.sync).toBe(sync.id);
    expect(await sim.log()).toHaveLength(0);
  });
});
