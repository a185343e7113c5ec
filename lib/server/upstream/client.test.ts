import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pageSchema, userSchema } from "@/lib/shared/compliance/schemas";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator } from "@/lib/tools/simulator/server";
import { maxInWindow } from "@/lib/tools/testing/start-windows";
import { createLocalLimiter, type LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from "./client";
import { bodyOf } from "./endpoints";
import { walkAll, walkList, walkPages } from "./walk";
import { caughtUpstreamError as caught } from "@/lib/tools/testing/caught-upstream-error";

/*
 * The upstream client against the simulator over real HTTP: what reached the "upstream" is read
 * from its request log. Waits between retries are shortened (the limiter's pauses stay real).
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type LogEntry = { t: number; method: string; path: string; query: string; status: number };

const BIG_ORG_USERS = 2345;
const shortSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20)));

let sim: Sim;
let bigOrg: string;
let smallOrg: string;
const limiters: LocalLimiter[] = [];

function client(over: Partial<UpstreamClientOptions> = {}, rps = 25): UpstreamClient {
  const limiter = createLocalLimiter({ rps });
  limiters.push(limiter);
  return createUpstreamClient({
    baseUrl: sim.url,
    accessKey: SIM_KEYS.full,
    limiter,
    timeoutMs: 5000,
    sleep: shortSleep,
    ...over,
  });
}

async function log(s: Sim = sim): Promise<LogEntry[]> {
  const res = await fetch(`${s.url}/__simulator/log`);
  return ((await res.json()) as { entries: LogEntry[] }).entries;
}
async function control(path: string, method: string, body?: unknown, s: Sim = sim): Promise<void> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status}`);
}
const setFaults = (rules: unknown[], s: Sim = sim) => control("/__simulator/faults", "POST", { rules }, s);
const usersPath = (org: string) => `/v1/compliance/organizations/${org}/users`;
const param = (e: LogEntry, name: string) => new URLSearchParams(e.query).get(name);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", seed: "upstream-client-tests", orgUserCounts: [BIG_ORG_USERS, 40, 12], arrivalClock: true });
  const orgs = await walkAll(walkList({ endpoint: "organizations" }, { client: client() }));
  const sized = await Promise.all(orgs.map(async (o) => ({ uuid: o.uuid, n: (await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: o.uuid }, { client: client() }))).length })));
  bigOrg = sized.find((o) => o.n === BIG_ORG_USERS)!.uuid;
  smallOrg = sized.find((o) => o.n === 40)!.uuid;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  await control("/__simulator/reset", "POST");
});
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

describe("the page walker over the simulator", () => {
  it("returns every user of an organization of 2,345 users in 3 calls at limit=1000", async () => {
    const users = await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: bigOrg }, { client: client() }));
    expect(users).toHaveLength(BIG_ORG_USERS);
    expect(new Set(users.map((u) => u.id)).size).toBe(BIG_ORG_USERS);
    const calls = (await log()).filter((e) => e.path === usersPath(bigOrg));
    expect(calls).toHaveLength(3);
    expect(calls.every((e) => param(e, "limit") === "1000")).toBe(true);
    // Sent with x-api-key: the simulator names the key it accepted.
    expect(calls.every((e) => (e as LogEntry & { key?: string }).key === "full")).toBe(true);
  });

  it("passes each next_page token back unchanged", async () => {
    const c = client();
    const handed: string[] = [];
    const rows = await walkAll(
      walkPages(async (page) => {
        const p = await bodyOf({ endpoint: "organizationUsers", orgUuid: bigOrg, query: { limit: 1000, page } }, { client: c });
        if (p.next_page) handed.push(p.next_page);
        return p;
      }),
    );
    expect(rows).toHaveLength(BIG_ORG_USERS);
    const sent = (await log()).filter((e) => e.path === usersPath(bigOrg)).map((e) => param(e, "page"));
    expect(sent).toEqual([null, ...handed]);
  });

  it("fails with a pagination error when a token repeats, instead of looping", async () => {
    await setFaults([{ path: "/users$", kind: "repeat-token" }]);
    const e = await caught(walkAll(walkList({ endpoint: "organizationUsers", orgUuid: bigOrg }, { client: client() })));
    expect(e.kind).toBe("pagination");
    expect((await log()).length).toBeLessThan(10);
  });

  it("walks the organizations list, paginated", async () => {
    const orgs = await walkAll(walkList({ endpoint: "organizations" }, { client: client() }));
    expect(orgs.map((o) => o.uuid)).toContain(bigOrg);
    expect(orgs).toHaveLength(3);
  });
});

describe("retries", () => {
  it("a 429 is retried after retry-after and the walk is complete", async () => {
    await setFaults([{ path: "/users$", kind: "status", status: 429, errorType: "rate_limit_error", retryAfter: "1", skip: 1, times: 1 }]);
    const users = await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: bigOrg }, { client: client() }));
    expect(users).toHaveLength(BIG_ORG_USERS);
    const calls = (await log()).filter((e) => e.path === usersPath(bigOrg));
    const i = calls.findIndex((e) => e.status === 429);
    expect(i).toBe(1);
    const [limited, retried] = [calls[i]!, calls[i + 1]!];
    // The same page again (never the next one), and not before retry-after said.
    expect(retried.query).toBe(limited.query);
    expect(retried.status).toBe(200);
    expect(retried.t - limited.t).toBeGreaterThanOrEqual(950);
    expect(calls.filter((e) => e.status === 200)).toHaveLength(3);
  });

  it("a transient 529 is retried", async () => {
    await setFaults([{ path: "/users$", kind: "status", status: 529, errorType: "overloaded_error", times: 2 }]);
    const a = await bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: { limit: 1000 } }, { client: client() });
    expect(a.data).toHaveLength(40);
    expect((await log()).map((e) => e.status)).toEqual([529, 529, 200]);
  });

  it("a body cut off on the way is retried and the walk is complete", async () => {
    await setFaults([{ path: "/users$", kind: "truncate", skip: 1, times: 1 }]);
    const users = await walkAll(walkList({ endpoint: "organizationUsers", orgUuid: bigOrg }, { client: client() }));
    expect(users).toHaveLength(BIG_ORG_USERS);
    const calls = (await log()).filter((e) => e.path === usersPath(bigOrg));
    expect(calls).toHaveLength(4);
    expect(calls[2]!.query).toBe(calls[1]!.query);
  });

  it("a 500 marked x-should-retry: false is not retried", async () => {
    await setFaults([{ path: "/users$", kind: "status", status: 500, errorType: "api_error", headers: { "x-should-retry": "false" } }]);
    const e = await caught(bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: {} }, { client: client() }));
    expect(e.kind).toBe("server");
    expect(e.status).toBe(500);
    expect(await log()).toHaveLength(1);
  });

  it("a request that hangs is retried, then reported as a timeout", async () => {
    await setFaults([{ path: "/users$", kind: "hang" }]);
    const e = await caught(bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: {} }, { client: client({ timeoutMs: 300, maxRetries: 2 }) }));
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/did not answer/);
    expect((await log()).filter((x) => x.path === usersPath(smallOrg))).toHaveLength(3);
  });

  it("a refused connection is retried, then reported as a network error", async () => {
    const gone = await startSimulator({ port: 0, host: "127.0.0.1", orgs: 1, users: 1 });
    const url = gone.url;
    await gone.close();
    const e = await caught(bodyOf({ endpoint: "organizations", query: {} }, { client: client({ baseUrl: url, maxRetries: 1 }) }));
    expect(e.kind).toBe("network");
    expect(e.message).toContain("127.0.0.1");
  });
});

describe("the throttle, as the upstream sees it", () => {
  it("a run of 40 requests never puts more than 4 starts in any one-second window", async () => {
    const c = client({}, 4);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: { limit: i + 1 } }, { client: c, priority: i % 2 ? "bulk" : "interactive" })),
    );
    const entries = await log();
    expect(entries).toHaveLength(40);
    expect(entries.every((e) => e.status === 200)).toBe(true);
    expect(maxInWindow(entries.map((e) => e.t))).toBeLessThanOrEqual(4);
  });

  it("20 concurrent identical requests cost one upstream call", async () => {
    const c = client();
    const answers = await Promise.all(Array.from({ length: 20 }, () => bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: { limit: 1000 } }, { client: c })));
    expect(answers.every((a) => a.data.length === 40)).toBe(true);
    expect(await log()).toHaveLength(1);
  });
});

describe("errors an officer can act on", () => {
  it("the 1,000-organization 500 is its own error and is not retried", async () => {
    const legacy = await startSimulator({ port: 0, host: "127.0.0.1", orgs: 1001, users: 1001, legacyOrganizations: true });
    try {
      const e = await caught(walkAll(walkList({ endpoint: "organizations" }, { client: client({ baseUrl: legacy.url }) })));
      expect(e.kind).toBe("org_cap");
      expect(e.message).toMatch(/1,000/);
      expect(await log(legacy)).toHaveLength(1);
    } finally {
      await legacy.close();
    }
  });

  it("the legacy unpaginated organizations list is read in one call", async () => {
    const legacy = await startSimulator({ port: 0, host: "127.0.0.1", orgs: 5, users: 20, legacyOrganizations: true });
    try {
      const orgs = await walkAll(walkList({ endpoint: "organizations" }, { client: client({ baseUrl: legacy.url }) }));
      expect(orgs).toHaveLength(5);
      expect(await log(legacy)).toHaveLength(1);
    } finally {
      await legacy.close();
    }
  });

  it("a 403 names the missing scope", async () => {
    const e = await caught(bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: {} }, { client: client({ accessKey: SIM_KEYS.orgDataOnly }) }));
    expect(e.kind).toBe("permission");
    expect(e.missingScopes).toContain("read:compliance_user_data");
    expect(e.message).toContain("read:compliance_user_data");
    expect(e.requestId).toBeTruthy();
  });

  it("an Admin key is refused with a message saying so", async () => {
    const e = await caught(bodyOf({ endpoint: "organizations", query: {} }, { client: client({ accessKey: SIM_KEYS.admin }) }));
    expect(e.kind).toBe("permission");
    expect(e.message).toMatch(/Admin API key/);
  });

  it("a deactivated or expired key says so and what to set", async () => {
    for (const [key, word] of [
      [SIM_KEYS.deactivated, "deactivated"],
      [SIM_KEYS.expired, "expired"],
    ] as const) {
      const e = await caught(bodyOf({ endpoint: "organizations", query: {} }, { client: client({ accessKey: key }) }));
      expect(e.kind).toBe("authentication");
      expect(e.message).toContain(word);
      expect(e.message).toContain("operator");
    }
  });

  it("an unknown group or organization is not found, naming the id", async () => {
    const g = await caught(bodyOf({ endpoint: "group", groupId: "rbac_group_doesnotexist", query: {} }, { client: client() }));
    expect(g.kind).toBe("not_found");
    expect(g.message).toContain("rbac_group_doesnotexist");
    const missingOrg = "00000000-0000-4000-8000-000000000000";
    const o = await caught(bodyOf({ endpoint: "organizationSettings", orgUuid: missingOrg, query: {} }, { client: client() }));
    expect(o.kind).toBe("not_found");
    expect(o.message).toContain(missingOrg);
  });

  it("a malformed body is reported as malformed, with the request id", async () => {
    await setFaults([{ path: "/users$", kind: "malformed" }]);
    const e = await caught(bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: {} }, { client: client({ maxRetries: 1 }) }));
    expect(e.kind).toBe("malformed");
    expect(e.requestId).toBeTruthy();
    expect(e.message).toMatch(/unexpected/);
  });

  it("an answer that does not match the records' schema is malformed, not passed on", async () => {
    const c = client();
    const e = await caught(c.get(usersPath(smallOrg), {}, pageSchema(userSchema.extend({ id: userSchema.shape.id.regex(/^never_/) }))));
    expect(e.kind).toBe("malformed");
    expect(e.requestId).toBeTruthy();
  });

  it("the key never appears in an error", async () => {
    const keys = [SIM_KEYS.full, SIM_KEYS.orgDataOnly, SIM_KEYS.deactivated, SIM_KEYS.admin, "sk-ant-api01-unknown-key-xyz"];
    await setFaults([{ path: "/groups/", kind: "status", status: 500, errorType: "api_error", headers: { "x-should-retry": "false" } }]);
    for (const key of keys) {
      const c = client({ accessKey: key, maxRetries: 0 });
      const errors = await Promise.all([
        caught(bodyOf({ endpoint: "organizationUsers", orgUuid: smallOrg, query: { page: "not-a-token" } }, { client: c })),
        caught(bodyOf({ endpoint: "group", groupId: "rbac_group_x", query: {} }, { client: c })),
        caught(bodyOf({ endpoint: "organizationSettings", orgUuid: "00000000-0000-4000-8000-000000000000", query: {} }, { client: c })),
      ]);
      for (const e of errors) {
        const everything = JSON.stringify({ ...e, message: e.message, stack: e.stack });
        expect(everything).not.toContain(key);
      }
    }
  });

  it("refuses an id that would climb out of its path, sending nothing", async () => {
    const e = await caught(bodyOf({ endpoint: "group", groupId: "..", query: {} }, { client: client() }));
    expect(e.kind).toBe("bad_request");
    expect(await log()).toHaveLength(0);
  });
});
