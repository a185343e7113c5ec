import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

/*
 * The refusals of POST /api/auth/login, called as a route handler. The successful login (cookie,
 * rotation, logout) needs Next's request scope and is covered over HTTP against `next start`.
 */

type Handler = (request: Request) => Promise<Response>;
let POST: Handler;
let dataDir: string;

beforeAll(async () => {
  // Demo mode: the built-in demo account is the only one. The audit log goes to a scratch folder.
  delete process.env.ANTHROPIC_COMPLIANCE_ACCESS_KEY;
  delete process.env.DASHBOARD_USERS;
  delete process.env.SESSION_SECRET;
  dataDir = await mkdtemp(path.join(tmpdir(), "login-route-"));
  process.env.DATA_DIR = dataDir;
  // Called as a handler there is no socket stamp: one proxy in front makes X-Forwarded-For the client.
  process.env.TRUSTED_PROXY_HOPS = "1";
  ({ POST } = await import("./route"));
});

afterAll(async () => {
  const { auditStore } = await import("@/lib/server/audit/instance");
  await auditStore().close();
  await rm(dataDir, { recursive: true, force: true });
});

// Each test starts with no failures counted (the throttle lives on globalThis).
beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("compliance-directory.login-throttle")];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("compliance-directory.failed-login-log")];
});

const ORIGIN = "http://127.0.0.1:3000";
function login(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: ORIGIN, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { type: string; message: string } }).error;
}

describe("POST /api/auth/login refuses what it should", () => {
  it("a body that is not JSON, has wrong types, or is too big is a 400 with a message", async () => {
    for (const body of ["{not json", JSON.stringify({ username: "officer" }), JSON.stringify({ username: 1, password: [] }), JSON.stringify([])]) {
      const res = await login(body);
      expect(res.status, body).toBe(400);
      const error = await errorOf(res);
      expect(error.type).toBe("invalid_request");
      expect(error.message.length).toBeGreaterThan(10);
    }
    const big = await login({ username: "officer", password: "x".repeat(5_000) });
    expect(big.status).toBe(400);
    expect((await errorOf(big)).message).toMatch(/larger than 4096 bytes/);
    const form = await login("username=officer&password=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400);
  });

  it("a request another site made the browser send is a 403", async () => {
    const res = await login({ username: "officer", password: "compliance-demo" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).type).toBe("cross_site_request");
  });

  it("a wrong password is a 401 that does not say which half was wrong", async () => {
    const wrongPassword = await login({ username: "officer", password: "nope" }, { "x-forwarded-for": "192.0.2.10" });
    const unknownUser = await login({ username: "nobody", password: "nope" }, { "x-forwarded-for": "192.0.2.10" });
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { type: "invalid_credentials", message: "Wrong username or password." } });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("repeated failures from one client are a 429 with retry-after there, but never lock the officer out elsewhere", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login({ username: "Officer", password: `guess-${i}` }, { "x-forwarded-for": "192.0.2.20" })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const slowed = await login({ username: "Officer", password: "compliance-demo" }, { "x-forwarded-for": "192.0.2.20" });
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("retry-after"))).toBeGreaterThan(0);
    const error = await errorOf(slowed);
    expect(error.type).toBe("too_many_login_attempts");
    expect(error.message).toMatch(/Wait \d+ seconds?/);
    // From another client the password is checked as usual (a wrong one here: a right one needs Next's request scope).
    const elsewhere = await login({ username: "Officer", password: "still-wrong" }, { "x-forwarded-for": "192.0.2.21" });
    expect(elsewhere.status).toBe(401);
  });

  it("failed logins are in the audit log, coalesced per username and address, with the socket and forwarded chain", async () => {
    for (let i = 0; i < 3; i++) await login({ username: "mallory", password: `guess-${i}` }, { "x-forwarded-for": "6.6.6.6, 192.0.2.30" });
    const { auditStore } = await import("@/lib/server/audit/instance");
    const { entries } = await auditStore().list({ actor: "mallory" });
    const mine = entries.filter((e) => e.actor === "mallory");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: "login_failed", outcome: "failed" });
    expect(mine[0]!.filters).toEqual({ address: "192.0.2.30", socket_address: "unknown", forwarded_for: "6.6.6.6, 192.0.2.30", attempts: 1 });
    const { failedLoginLog } = await import("@/lib/server/session/failed-login-log");
    await failedLoginLog().sweep(true);
    const after = (await auditStore().list({ actor: "mallory" })).entries;
    expect(after.map((e) => e.filters.attempts)).toEqual([3, 1]);
  });
});
