import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshHeaders } from "@/lib/server/http/refresh";
import type { AuditEntry } from "@/lib/shared/audit/entry";
import { login } from "@/lib/tools/testing/app-server";
import { errorOf, OFFICER, startStack, VIEWER, type Stack } from "./stack";

/*
 * Issue 10's login and fair-share cases against a real `next start`: a client cannot pick its own
 * address with X-Forwarded-For, cannot lock an officer out, cannot flood the audit log with failed
 * logins, and one officer cannot starve another of the upstream budget. Logins come from distinct
 * loopback source addresses (127.0.0.x), which the server sees as distinct clients. The
 * simulator's request log is the witness of what reached the upstream and in what order.
 */

const CONCURRENT = 3;
const PER_MINUTE = 20; // a burst of 10
let s: Stack;
let viewerCookie: string;

beforeAll(async () => {
  s = await startStack({
    name: "shares",
    env: {
      // Slow enough that one officer's queued calls would hold another's without a share.
      COMPLIANCE_RATE_LIMIT_RPS: "2",
      COMPLIANCE_MAX_RETRIES: "0",
      OFFICER_CONCURRENT_REQUESTS: String(CONCURRENT),
      OFFICER_UPSTREAM_PER_MINUTE: String(PER_MINUTE),
    },
  });
  viewerCookie = await login(s.app.url, VIEWER.username, VIEWER.password);
});

afterAll(async () => {
  await s?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** POST /api/auth/login from a chosen loopback source address. */
function loginFrom(localAddress: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: "127.0.0.1",
        port: s.app.port,
        localAddress,
        method: "POST",
        path: "/api/auth/login",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), origin: s.app.url, connection: "close", ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    r.on("error", reject);
    r.end(body);
  });
}

async function auditOf(actor: string): Promise<AuditEntry[]> {
  const res = await s.request(`/api/audit?actor=${encodeURIComponent(actor)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wrong passwords from one address until the throttle answers 429 (at most 12 tries). The waits
 * double from 1 s, so the 429 comes however slowly this machine checks each password.
 */
async function failUntilSlowed(localAddress: string, username: string, headers: (i: number) => Record<string, string>, answers: Answer[] = []): Promise<number[]> {
  for (let i = 0; i < 12; i++) {
    const a = await loginFrom(localAddress, username, `guess-${i}`, headers(i));
    answers.push(a);
    if (a.status !== 401) break;
  }
  return answers.map((a) => a.status);
}

describe("login: the client's address is the socket's, failures slow only their own client", () => {
  it("X-Forwarded-For does not change the client: rotating it does not dodge the throttle, and the audit entry shows both", async () => {
    // Each claimed address would be a fresh client if the header were believed: never a 429.
    const statuses = await failUntilSlowed("127.0.0.21", "spoofer", (i) => ({ "x-forwarded-for": `198.51.100.${i + 1}` }));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const entries = await auditOf("spoofer");
    expect(entries.at(-1)!.filters).toMatchObject({ address: "127.0.0.21", socket_address: "127.0.0.21", forwarded_for: "198.51.100.1" });
  });

  it("an attacker's failures never lock the officer out: 429 with retry-after for them, the right password elsewhere goes in", async () => {
    const answers: Answer[] = [];
    await failUntilSlowed("127.0.0.22", OFFICER.username, () => ({}), answers);
    const slowed = answers.at(-1)!;
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(slowed.text)).toMatchObject({ error: { type: "too_many_login_attempts", message: expect.stringMatching(/Wait \d+ seconds?/) } });
    // The officer, from their own machine, with the right password:
    const officer = await loginFrom("127.0.0.23", OFFICER.username, OFFICER.password);
    expect(officer.status).toBe(204);
    expect(officer.headers["set-cookie"]?.length).toBeGreaterThan(0);
  });

  it("a run of failed logins for one username from one address is one audit entry per minute, carrying its count", async () => {
    let failures = 0;
    for (let attempt = 0; failures < 5 && attempt < 20; attempt++) {
      const a = await loginFrom("127.0.0.24", "mallory", `guess-${attempt}`);
      if (a.status === 401) failures++;
      else if (a.status === 429) await sleep(Number(a.headers["retry-after"]) * 1000);
      else throw new Error(`unexpected ${a.status}`);
    }
    expect(failures).toBe(5);
    const entries = await auditOf("mallory");
    // The first failure at once; the minute's total comes when the minute closes.
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "login_failed", outcome: "failed", filters: { attempts: 1, address: "127.0.0.24" } });
  });
});

describe("one officer cannot starve another of the upstream budget", () => {
  it("a flood of bogus page tokens with the refresh header gets 429s past the officer's share, and another officer's request goes ahead of the queue", async () => {
    await s.sim.reset();
    const org = s.sim.directory.organizations[0]!;
    const usersPath = `/v1/compliance/organizations/${org.uuid}/users`;
    // The upstream is slow to answer, so the flood's admitted calls stay in flight during it.
    await s.sim.setFaults([{ path: `^${usersPath}$`, kind: "latency", latencyMs: 1000 }]);
    try {
      const started = Date.now();
      const flood = Array.from({ length: 40 }, (_, i) =>
        s.request(`/api/compliance/organizations/${org.uuid}/users?page=bogus-token-${i}`, { headers: refreshHeaders(true) }),
      );
      await sleep(300);
      const other = await s.request("/api/compliance/groups", { headers: { cookie: viewerCookie } });
      expect(other.status).toBe(200);
      const answers = await Promise.all(flood);
      // The officer's whole allowance over the flood: the burst, and what refilled meanwhile.
      const allowance = PER_MINUTE / 2 + Math.floor((Date.now() - started) / (60_000 / PER_MINUTE));

      const refused = answers.filter((r) => r.status === 429);
      const admitted = answers.length - refused.length;
      expect(admitted, `statuses ${answers.map((r) => r.status).join(",")}`).toBeLessThanOrEqual(allowance);
      for (const r of refused.slice(0, 3)) {
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        const error = await errorOf(r);
        expect(error.type).toBe("officer_share_exceeded");
        expect(error.message).toMatch(/Wait \d+ seconds?/);
      }

      const log = (await s.sim.log()).sort((a, b) => a.t - b.t);
      const floodCalls = log.filter((e) => e.path === usersPath);
      // A refusal calls no upstream: every upstream call of the flood is an admitted request.
      expect(floodCalls).toHaveLength(admitted);
      // The other officer's request waited behind at most the flooder's share, not behind the flood.
      const otherAt = log.findIndex((e) => e.path === "/v1/compliance/groups");
      expect(otherAt).toBeGreaterThanOrEqual(0);
      expect(log.slice(0, otherAt).filter((e) => e.path === usersPath).length).toBeLessThanOrEqual(allowance);
    } finally {
      await s.sim.clearFaults();
    }
  });

  it("a second refresh of one resource at once is a 429 that calls no upstream", async () => {
    await sleep(3_000); // the bucket refills a little after the flood
    await s.sim.reset();
    const first = await s.request("/api/compliance/organizations", { headers: refreshHeaders(true) });
    expect(first.status).toBe(200);
    const second = await s.request("/api/compliance/organizations", { headers: refreshHeaders(true) });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(second)).type).toBe("officer_share_exceeded");
    expect((await s.sim.log()).filter((e) => e.path === "/v1/compliance/organizations")).toHaveLength(1);
    // Without the refresh header the cache answers as usual.
    expect((await s.request("/api/compliance/organizations")).status).toBe(200);
  });

  it("concurrent exports past the officer's share are refused before any upstream call; a finished one gives its slot back", async () => {
    await s.sim.reset();
    await s.sim.setFaults([{ path: "/users$", kind: "latency", latencyMs: 800 }]);
    try {
      const running = await Promise.all(Array.from({ length: CONCURRENT }, () => s.request("/api/export/users.csv")));
      expect(running.map((r) => r.status)).toEqual(Array(CONCURRENT).fill(200));
      const extra = await s.request("/api/export/users.csv");
      expect(extra.status).toBe(429);
      expect(Number(extra.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await errorOf(extra)).type).toBe("officer_share_exceeded");
      for (const r of running) expect((await s.readAll(r)).complete).toBe(true);
      // Every slot came back with its finished download.
      const after = await s.request("/api/export/users.csv");
      expect(after.status).toBe(200);
      expect((await s.readAll(after)).complete).toBe(true);
    } finally {
      await s.sim.clearFaults();
    }
  });
});
