import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { createLocalLimiter, type LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient, type UpstreamClient } from "./client";
import { walkAll, walkList } from "./walk";
import { caughtUpstreamError as caught } from "@/lib/tools/testing/caught-upstream-error";

/*
 * The client against each spec revision's error forms (API.md, Errors), over HTTP from the
 * simulator switched to that revision: the 1,000-organization cap is the org-cap error (never
 * retried), and a missing scope is a permission error naming the scope, whether it comes as
 * today's 403 or revision J's 401.
 */

const shortSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20)));
const limiters: LocalLimiter[] = [];

function clientFor(sim: SimulatorHandle, accessKey: string): UpstreamClient {
  const limiter = createLocalLimiter({ rps: 50 });
  limiters.push(limiter);
  return createUpstreamClient({ baseUrl: sim.url, accessKey, limiter, timeoutMs: 5000, sleep: shortSleep });
}

afterAll(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

describe.each(["current", "J"] as const)("spec revision %s", (errorRevision) => {
  let capped: SimulatorHandle;
  let small: SimulatorHandle;
  beforeAll(async () => {
    capped = await startSimulator({ seed: `rev-${errorRevision}`, orgs: 1001, users: 1001, groups: 0, legacyOrganizations: true, errorRevision });
    small = await startSimulator({ seed: `rev-${errorRevision}`, orgs: 2, users: 30, groups: 3, errorRevision });
  });
  afterAll(async () => {
    await capped.close();
    await small.close();
  });

  it("answers the 1,000-organization cap in this revision's words, and the client calls it the org cap once, unretried", async () => {
    const raw = await fetch(`${capped.url}/v1/compliance/organizations`, { headers: { "x-api-key": SIM_KEYS.full } });
    const body = (await raw.json()) as { error: { type: string; message: string } };
    expect(raw.status).toBe(500);
    expect(body.error.type).toBe(errorRevision === "J" ? "internal_error" : "api_error");
    capped.clearLog();

    const e = await caught(walkAll(walkList({ endpoint: "organizations" }, { client: clientFor(capped, SIM_KEYS.full) })));
    expect(e.kind).toBe("org_cap");
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/more than 1,000 organizations/);
    expect(e.message).toMatch(/Anthropic support/);
    expect(capped.log().filter((x) => x.path === "/v1/compliance/organizations")).toHaveLength(1);
  });

  it("a key without the user-data scope gets a permission error that names the scope, not 'the key is invalid'", async () => {
    const org = small.directory.organizations[0]!.uuid;
    const raw = await fetch(`${small.url}/v1/compliance/organizations/${org}/users`, { headers: { "x-api-key": SIM_KEYS.orgDataOnly } });
    expect(raw.status).toBe(errorRevision === "J" ? 401 : 403);
    small.clearLog();

    const client = clientFor(small, SIM_KEYS.orgDataOnly);
    const users = await caught(walkAll(walkList({ endpoint: "organizationUsers", orgUuid: org }, { client })));
    const members = await caught(walkAll(walkList({ endpoint: "groupMembers", groupId: small.directory.groups[0]!.id }, { client })));
    for (const e of [users, members]) {
      expect(e.kind).toBe("permission");
      expect(e.missingScopes).toContain("read:compliance_user_data");
      expect(e.message).toMatch(/lacks the scope this needs: read:compliance_user_data/);
      expect(e.message).not.toMatch(/invalid/);
    }
    // Org data still reads with that key; nothing was retried.
    expect((await walkAll(walkList({ endpoint: "groups" }, { client }))).length).toBe(3);
    expect(small.log().filter((x) => x.status === 401 || x.status === 403)).toHaveLength(2);
  });

  it("a key without the org-data scope gets a permission error naming read:compliance_org_data", async () => {
    const e = await caught(walkAll(walkList({ endpoint: "groups" }, { client: clientFor(small, SIM_KEYS.userDataOnly) })));
    expect(e.kind).toBe("permission");
    expect(e.missingScopes).toContain("read:compliance_org_data");
  });

  it("a bad key is still 'invalid', and refused answers carry no rate-limit headers the client could misread", async () => {
    const e = await caught(walkAll(walkList({ endpoint: "groups" }, { client: clientFor(small, "sk-ant-api01-not-a-real-key-000000000") })));
    expect(e.kind).toBe("authentication");
    expect(e.message).toMatch(/is invalid/);
    const raw = await fetch(`${small.url}/v1/compliance/groups`, { headers: { "x-api-key": "sk-ant-api01-not-a-real-key-000000000" } });
    expect(raw.headers.get("anthropic-ratelimit-requests-remaining")).toBeNull();
  });
});
