import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, TEST_EXPORTER as EXPORTER, TEST_VIEWER as VIEWER } from "@/lib/tools/testing/live-app";

/*
 * The roles, groups and settings export routes end to end: a real `next start` in live mode, the
 * simulator's request log as the witness that a refused request never reached the upstream, and
 * the audit API as the witness that every attempt was recorded.
 */

let sim: SimulatorHandle;
let app: AppServer;
let exporter: string;
let viewer: string;
const DATA_DIR = `test-results/directory-export-routes-${process.pid}`;

const get = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });

async function lastAudit(): Promise<Record<string, unknown>> {
  const res = await get("/api/audit?action=export&limit=1", exporter);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { entries: Record<string, unknown>[] };
  return body.entries[0]!;
}

beforeAll(async () => {
  ({ sim, app, cookies: [exporter, viewer] } = await startLiveApp({ seed: "export-routes", orgs: 3, users: 90, groups: 4 }, [EXPORTER, VIEWER], { DATA_DIR, COMPLIANCE_RATE_LIMIT_RPS: "8" }));
});

afterAll(async () => {
  await closeLiveApp({ app, sim });
  await rm(DATA_DIR, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${sim.url}/__simulator/reset`, { method: "POST" });
});

describe("GET /api/export/{roles,groups,settings}.csv", () => {
  it("answers 401 without a session and 403 to a viewer, calling no upstream, and logs the viewer's attempt", async () => {
    for (const kind of ["roles", "groups", "settings"]) {
      expect((await get(`/api/export/${kind}.csv`)).status).toBe(401);
      const denied = await get(`/api/export/${kind}.csv`, viewer);
      expect(denied.status).toBe(403);
      expect(await lastAudit()).toMatchObject({ actor: VIEWER.username, target: `${kind}.csv`, outcome: "refused" });
    }
    expect(await sim.log()).toHaveLength(0);
  });

  it("refuses a bad filter with a 400 that says what is wrong, before any upstream call, and logs it", async () => {
    const bad: [string, RegExp][] = [
      ["/api/export/roles.csv?limit=5", /Unknown query parameter "limit"/],
      ["/api/export/settings.csv?org=not-a-uuid", /not an organization uuid/],
      ["/api/export/groups.csv?group=../x", /not a group id/],
      ["/api/export/groups.csv?org=0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f", /parent organization/],
      ["/api/export/roles.csv?bom=2", /bom takes 1/],
    ];
    for (const [path, message] of bad) {
      const res = await get(path, exporter);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: { type: "invalid_request", message: expect.stringMatching(message) } });
    }
    expect(await sim.log()).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ target: "roles.csv", outcome: "refused", filters: { query: "bom=2" } });
  });

  it("streams the chosen organizations' roles as an attachment with a byte-order mark, and logs it completed", async () => {
    const org = sim.directory.organizations[1]!;
    const res = await get(`/api/export/roles.csv?org=${org.uuid}&bom=1`, exporter);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="roles-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3)).split("\r\n")[0]).toBe(
      "organization_uuid,organization_name,role_id,role_name,role_description,action,resource_type,resource_id",
    );
    const permissions = sim.directory.rolesOf(org.uuid).reduce((n, r) => n + Math.max(1, sim.directory.permissionsOf(org.uuid, r.id).length), 0);
    expect(await lastAudit()).toMatchObject({ target: "roles.csv", outcome: "completed", rows: permissions, bytes: bytes.length, filters: { org: [org.uuid], bom: true } });
  });

  it("answers 404 for an organization that is not in the tree, before asking for any settings", async () => {
    const res = await get("/api/export/settings.csv?org=00000000-0000-4000-8000-000000000000", exporter);
    expect(res.status).toBe(404);
    // At most the organizations list (it may come from the server's cache): no settings request.
    expect((await sim.log()).filter((e) => e.path !== "/v1/compliance/organizations")).toEqual([]);
    expect(await lastAudit()).toMatchObject({ target: "settings.csv", outcome: "refused" });
  });

  it("answers a JSON error naming the cause, not a broken file, when the upstream refuses the first request", async () => {
    await fetch(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [{ path: "/members$", kind: "status", status: 403, errorType: "permission_error", message: "Missing required scopes. Got: [read:compliance_org_data] Needed one of: [read:compliance_user_data]" }] }),
    });
    const res = await get("/api/export/groups.csv", exporter);
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ error: { type: "upstream_permission", upstream_status: 403 } });
    expect(await lastAudit()).toMatchObject({ target: "groups.csv", outcome: "failed" });
  });
});
