import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/store/database";
import { DbAuditStore } from "./db-store";
import type { NewAuditEntry } from "./entry";
import { InvalidAuditCursorError } from "./store";
import { verifyAuditChain } from "./verify";

/* The audit log in an embedded database: the AuditStore behaviour, and the hash chain catching tampering done in SQL. */

let dir: string;
let database: Database;
let store: DbAuditStore;

const exportEntry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  actor: "officer",
  action: "export",
  target: "users.csv",
  filters: { org: ["0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f"], bom: true },
  rows: 3,
  bytes: 120,
  sha256: "a".repeat(64),
  outcome: "completed",
  ...over,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "audit-db-"));
  database = await openDatabase({ dataDir: dir });
  store = new DbAuditStore(async () => database);
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await database.query("delete from audit_entries");
  await database.query("delete from audit_chain_head");
});

describe("the audit log in the database", () => {
  it("records an entry with an id and a timestamp, lists it exactly as appended, and keeps the sync it came from", async () => {
    const saved = await store.append(exportEntry({ started_at: "2026-03-01T10:00:00Z", sync_id: "sync_1", detail: "x" }));
    expect(saved.id).toMatch(/[0-9a-f-]{36}/);
    expect(saved.started_at).toBe("2026-03-01T10:00:00.000Z");
    expect(await store.list()).toEqual({ entries: [saved], next_cursor: null });
  });

  it("survives a reopen of the database", async () => {
    const a = await store.append(exportEntry());
    await database.close();
    database = await openDatabase({ dataDir: dir });
    expect((await store.list()).entries).toEqual([a]);
  });

  it("keeps every one of many concurrent appends in one unbroken chain", async () => {
    const saved = await Promise.all(Array.from({ length: 60 }, (_, i) => store.append(exportEntry({ rows: i }))));
    const listed = await store.list({ limit: 1000 });
    expect(new Set(listed.entries.map((e) => e.id))).toEqual(new Set(saved.map((e) => e.id)));
    const verdict = await verifyAuditChain(database);
    expect(verdict).toMatchObject({ ok: true, entries: 60 });
  });

  it("lists newest first in pages, the cursor leading to older entries without gaps or repeats", async () => {
    for (let i = 0; i < 7; i++) await store.append(exportEntry({ rows: i }));
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await store.list({ limit: 3, cursor });
      seen.push(...page.entries.map((e) => e.rows!));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });

  it("filters by time range, actor, action and outcome", async () => {
    await store.append(exportEntry({ at: "2026-01-01T10:00:00.000Z", actor: "ann" }));
    await store.append(exportEntry({ at: "2026-02-01T10:00:00.000Z", actor: "bob", outcome: "aborted" }));
    await store.append(exportEntry({ at: "2026-03-01T10:00:00.000Z", actor: "ann", action: "login", outcome: "ok" }));
    const actors = async (q: Parameters<typeof store.list>[0]) => (await store.list(q)).entries.map((e) => `${e.actor}@${e.at.slice(5, 7)}`);
    expect(await actors({ actor: "ann" })).toEqual(["ann@03", "ann@01"]);
    expect(await actors({ outcome: "aborted" })).toEqual(["bob@02"]);
    expect(await actors({ action: "export" })).toEqual(["bob@02", "ann@01"]);
    expect(await actors({ from: Date.parse("2026-01-15"), to: Date.parse("2026-03-01T10:00:00.000Z") })).toEqual(["bob@02"]);
  });

  it("streams every matching entry oldest first, across batches", async () => {
    await database.transaction(async (q) => {
      const { appendToChain, prepareEntry } = await import("./db-store");
      await appendToChain(q, Array.from({ length: 1203 }, (_, i) => prepareEntry(exportEntry({ rows: i, outcome: i % 2 ? "aborted" : "completed" }))));
    });
    const rows: number[] = [];
    for await (const e of store.scan({ outcome: "completed" })) rows.push(e.rows!);
    expect(rows).toHaveLength(602);
    expect(rows.slice(0, 3)).toEqual([0, 2, 4]);
    expect(rows.at(-1)).toBe(1202);
  });

  it("keeps an attacker's NUL bytes and lone surrogates as U+FFFD instead of failing the write", async () => {
    const saved = await store.append({ actor: "mal\u0000lory\uD800", action: "login_failed", target: "session", outcome: "failed", filters: { "a\u0000": "b\u0000" } });
    expect(saved.actor).toBe("mal\uFFFDlory\uFFFD");
    expect((await store.list()).entries).toEqual([saved]);
    expect((await verifyAuditChain(database)).ok).toBe(true);
  });

  it("refuses an entry that breaks the schema, and a forged cursor", async () => {
    await expect(store.append(exportEntry({ sha256: "not-hex" }))).rejects.toThrow();
    expect(await store.list()).toEqual({ entries: [], next_cursor: null });
    await expect(store.list({ cursor: "abc" })).rejects.toBeInstanceOf(InvalidAuditCursorError);
  });
});

describe("the audit chain", () => {
  async function five() {
    const saved = [];
    for (let i = 0; i < 5; i++) saved.push(await store.append(exportEntry({ rows: i, actor: `officer${i}` })));
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true, entries: 5 });
    return saved;
  }

  it("is intact when empty", async () => {
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true, entries: 0 });
  });

  it("names an entry edited in SQL", async () => {
    const saved = await five();
    await database.query("update audit_entries set rows = 0 where id = $1", [saved[2]!.id]);
    const v = await verifyAuditChain(database);
    expect(v).toMatchObject({ ok: false, kind: "changed", entries: 2, entry: { id: saved[2]!.id } });
    expect(v.message).toMatch(/was changed after it was written/);
  });

  it("names an entry whose filters were edited, even with its hash recomputed by someone without the rest of the chain", async () => {
    const saved = await five();
    await database.query(`update audit_entries set filters = '{"org":["other"]}'::jsonb, hash = repeat('b', 64) where id = $1`, [saved[1]!.id]);
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, kind: "changed", entry: { id: saved[1]!.id } });
  });

  it("names where an entry was removed", async () => {
    const saved = await five();
    await database.query("delete from audit_entries where id = $1", [saved[2]!.id]);
    const v = await verifyAuditChain(database);
    expect(v).toMatchObject({ ok: false, kind: "removed", entry: { id: saved[3]!.id } });
    expect(v.message).toMatch(/before entry #\d+ .* were removed/);
  });

  it("notices the newest entry removed", async () => {
    const saved = await five();
    await database.query("delete from audit_entries where id = $1", [saved[4]!.id]);
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, kind: "truncated", entries: 4 });
  });

  it("names an entry inserted between two others, even one whose own hash is right", async () => {
    const saved = await five();
    const [second] = await database.query<{ seq: string; hash: string }>("select seq, hash from audit_entries where id = $1", [saved[1]!.id]);
    // Make room at seq+1 by moving the later rows, then slip an entry in that links to the second.
    await database.query("alter table audit_entries alter column seq set generated by default");
    await database.query("update audit_entries set seq = seq + 100 where seq > $1", [Number(second!.seq)]);
    const { chainHash } = await import("./chain");
    const forged = { id: "forged", at: "2026-01-01T00:00:00.000Z", actor: "nobody", action: "export", target: "users.csv", filters: {}, outcome: "completed" };
    await database.query(
      `insert into audit_entries (seq, id, at, actor, action, target, filters, outcome, prev_hash, hash)
       values ($1, 'forged', '2026-01-01T00:00:00.000Z', 'nobody', 'export', 'users.csv', '{}', 'completed', $2, $3)`,
      [Number(second!.seq) + 1, second!.hash, chainHash(second!.hash, forged)],
    );
    await database.query("update audit_chain_head set seq = seq + 100");
    await database.query("alter table audit_entries alter column seq set generated always");
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, kind: "inserted", entry: { id: "forged" } });
  });

  it("names an entry added after the newest by hand", async () => {
    await five();
    await database.query(
      `insert into audit_entries (id, at, actor, action, target, filters, outcome, prev_hash, hash)
       values ('late', now(), 'nobody', 'export', 'users.csv', '{}', 'completed', (select hash from audit_chain_head), repeat('c', 64))`,
    );
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, kind: "inserted", entry: { id: "late" } });
  });
});
