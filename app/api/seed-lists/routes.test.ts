import { rm } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { closeLiveApp, startLiveApp, TEST_EXPORTER as EXPORTER, TEST_VIEWER as VIEWER } from "@/lib/tools/testing/live-app";

/*
 * The seed-list and reconciliation routes over HTTP against `next start` in live mode holding a
 * simulator key; the simulator's request log witnesses that refused requests reach no upstream.
 */

let sim: SimulatorHandle;
let app: AppServer;
let exporter: string;
let viewer: string;
const DATA_DIR = `test-results/seed-lists-routes-${process.pid}`;

beforeAll(async () => {
  ({ sim, app, cookies: [exporter, viewer] } = await startLiveApp({ seed: "seed-routes", orgs: 3, users: 300, groups: 5 }, [EXPORTER, VIEWER], { DATA_DIR, COMPLIANCE_RATE_LIMIT_RPS: "10" }));
});

afterAll(async () => {
  await closeLiveApp({ app, sim });
  await rm(DATA_DIR, { recursive: true, force: true });
});

beforeEach(() => sim.clearLog());

const post = (path: string, body: unknown, cookie = exporter, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: app.url, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (path: string, cookie = exporter) => fetch(`${app.url}${path}`, { headers: { cookie } });
const errorOf = async (res: Response) => ((await res.json()) as { error: { type: string; message: string } }).error;
const upstreamCalls = async () => (await sim.log()).length;
const users = () => sim.directory.organizations.flatMap((o) => sim.directory.usersOf(o.uuid));

describe("refused requests reach no upstream", () => {
  it("every route answers 401 without a session", async () => {
    for (const [method, path] of [
      ["GET", "/api/seed-lists"],
      ["POST", "/api/seed-lists"],
      ["POST", "/api/seed-lists/resolve"],
      ["GET", "/api/seed-lists/sl_abcdefgh12345678"],
      ["POST", "/api/seed-lists/sl_abcdefgh12345678/re-resolve"],
      ["GET", "/api/seed-lists/sl_abcdefgh12345678/download?format=csv"],
      ["POST", "/api/reconciliation"],
      ["POST", "/api/reconciliation/bulk"],
    ] as const) {
      const res = await fetch(`${app.url}${path}`, { method, headers: { "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await upstreamCalls()).toBe(0);
  });

  it("bad bodies, bad files, other sites and viewers get a message, not a walk", async () => {
    let res = await post("/api/seed-lists/resolve", "{not json");
    expect(res.status).toBe(400);
    res = await post("/api/seed-lists/resolve", { sources: [] });
    expect(await errorOf(res)).toMatchObject({ type: "invalid_request", message: expect.stringMatching(/Add at least one source/) });
    res = await post("/api/seed-lists/resolve", "sources=x", exporter, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);

    const latin1 = Buffer.from([...Buffer.from("Email\nj"), 0xf6, ...Buffer.from("rg@x.com\n")]).toString("base64");
    res = await post("/api/seed-lists/resolve", { sources: [{ kind: "csv", filename: "hold.csv", content_base64: latin1, column: 0 }] });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^hold\.csv: This file is not valid UTF-8 \(first bad byte at line 2\)/);

    res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: "a@x.com" }] }, exporter, { origin: "https://evil.example" });
    expect(res.status).toBe(403);

    res = await post("/api/seed-lists", { name: "L", sources: [{ kind: "paste", text: "a@x.com" }] }, viewer);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/exporter role/);

    res = await post("/api/seed-lists/resolve", { sources: [{ kind: "paste", text: "x".repeat(9 * 1024 * 1024) }] });
    expect(res.status).toBe(413);

    res = await post("/api/reconciliation", { group_id: "../etc", expected: { kind: "paste", text: "a@x.com" } });
    expect(res.status).toBe(400);
    expect(await upstreamCalls()).toBe(0);
  });
});

describe("a seed list over HTTP", () => {
  it("is resolved, saved, listed, downloaded with the right types, re-resolved and compared", async () => {
    const [a, b] = [users()[0]!, users()[200]!];
    const sources = [{ kind: "paste", text: `${a.email.toUpperCase()}\n\n${b.id}\nghost@nowhere.invalid\n` }];

    const preview = await post("/api/seed-lists/resolve", { sources }, viewer);
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { resolution: { counts: unknown } }).resolution.counts).toEqual({ entries: 4, blank: 1, matched: 2, unmatched: 1, duplicate: 0, people: 2 });

    const saved = await post("/api/seed-lists", { name: "Matter 42: custodians", sources });
    expect(saved.status).toBe(201);
    const meta = (await saved.json()) as { id: string; created_by: string };
    expect(meta.created_by).toBe(EXPORTER.username);

    const list = (await (await get("/api/seed-lists", viewer)).json()) as { lists: { id: string }[] };
    expect(list.lists.map((l) => l.id)).toContain(meta.id);

    const csv = await get(`/api/seed-lists/${meta.id}/download?format=csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="seed-list-matter-42-custodians-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect((await csv.text()).split("\r\n")[1]).toMatch(new RegExp(`^${a.id},`));
    const txt = await get(`/api/seed-lists/${meta.id}/download?format=txt`);
    expect(txt.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await txt.text()).toBe(`${a.id}\n${b.id}\n`);
    const json = await get(`/api/seed-lists/${meta.id}/download?format=json`);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(((await json.json()) as { actor_ids: string[] }).actor_ids).toEqual([a.id, b.id]);
    expect((await get(`/api/seed-lists/${meta.id}/download?format=csv`, viewer)).status).toBe(403);
    expect((await get(`/api/seed-lists/${meta.id}/download?format=xlsx`)).status).toBe(400);

    const again = await post(`/api/seed-lists/${meta.id}/re-resolve`, {});
    expect(await again.json()).toMatchObject({ number: 2 });
    const detail = (await (await get(`/api/seed-lists/${meta.id}`, viewer)).json()) as { shown: number; comparison: { earlier: number; added: unknown[]; removed: unknown[] } };
    expect(detail.shown).toBe(2);
    expect(detail.comparison).toMatchObject({ earlier: 1, added: [], removed: [] });

    const audit = (await (await get("/api/audit?action=seed_list&limit=50")).json()) as { entries: { target: string; filters: { operation: string } }[] };
    const ops = audit.entries.filter((e) => e.target.startsWith(`seed-list:${meta.id} `)).map((e) => e.filters.operation);
    expect(ops.sort()).toEqual(["download", "download", "download", "re-resolve", "save"]);
  });
});

describe("reconciliation over HTTP", () => {
  it("answers the three lists for a group and reports unknown groups in bulk", async () => {
    const g = sim.directory.groups.find((x) => sim.directory.membersOf(x.id).length >= 2)!;
    const [first, ...rest] = sim.directory.membersOf(g.id);
    const expected = { kind: "paste", text: rest.map((m) => m.email).join("\n") };
    // Reconciling is an exporter's job (issue 6); a viewer is refused before any walk.
    expect((await post("/api/reconciliation", { group_id: g.id, expected }, viewer)).status).toBe(403);
    const res = await post("/api/reconciliation", { group_id: g.id, expected });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { unexpected: { user_id: string }[]; missing: unknown[] } };
    expect(body.result.unexpected.map((r) => r.user_id)).toEqual([first!.user_id]);
    expect(body.result.missing).toEqual([]);

    const bulk = await post("/api/reconciliation/bulk", { input: { kind: "paste", text: `group_name_or_id,email\n${g.name},${first!.email}\nNo Such Group,x@y.com\n` } });
    const out = (await bulk.json()) as { unknown_groups: { name: string }[]; results: { group: { id: string } }[] };
    expect(out.results.map((r) => r.group.id)).toEqual([g.id]);
    expect(out.unknown_groups.map((u) => u.name)).toEqual(["No Such Group"]);

    const unknown = await post("/api/reconciliation", { group_id: "rbac_group_nope", expected: { kind: "paste", text: "a@x.com" } });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toMatch(/no group rbac_group_nope/);
  });
});
