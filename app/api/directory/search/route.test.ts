import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, syncToEnd } from "@/lib/tools/testing/live-app";
import { searchAnswerSchema } from "@/lib/shared/directory/search-wire";

/*
 * GET /api/directory/search through the built app (`next start`) over the simulator, whose request
 * log witnesses that bad input reaches nothing upstream, and that a search after a sync is answered
 * from the store alone.
 */

let sim: SimulatorHandle;
let app: AppServer;
let cookie: string;
const OFFICER = { username: "sam", password: "header search test password 3" };

const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });

beforeAll(async () => {
  ({ sim, app, cookies: [cookie] } = await startLiveApp({ seed: "search-route", orgUserCounts: [80, 30], groups: 4 }, [OFFICER], { COMPLIANCE_RATE_LIMIT_RPS: "10" }));
});

afterAll(() => closeLiveApp({ app, sim }));

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
    const sync = await syncToEnd(app, cookie);
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
