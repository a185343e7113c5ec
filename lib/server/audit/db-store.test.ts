import { describe, expect, it } from "vitest";
import { throwawayDatabase } from "@/lib/tools/testing/throwaway-stores";
import { DbAuditStore } from "./db-store";
import type { NewAuditEntry } from "@/lib/shared/audit/entry";
import { auditEntry, listsLikeAnAuditStore } from "@/lib/tools/testing/audit-store-suite";
import { InvalidAuditCursorError } from "./store";
import { verifyAuditChain } from "./verify";

/* The audit log in an embedded database: the AuditStore behaviour, and the hash chain catching tampering done in SQL. */

const db = throwawayDatabase("audit-db-", ["delete from audit_entries", "delete from audit_chain_head"]);
const store = new DbAuditStore(async () => db.database);

const exportEntry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry =>
  auditEntry({ filters: { org: ["0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f"], bom: true }, ...over });


describe("the audit log in the database", () => {
  it("records an entry with an id and a timestamp, lists it exactly as appended, and keeps the sync it came from", async () => {
    const saved = await store.append(exportEntry({ started_at: "2026-03-01T10:00:00Z", sync_id: "sync_1", detail: "x" }));
    expect(saved.id).toMatch(/[0-9a-f-]{36}/);
    expect(saved.started_at).toBe("2026-03-01T10:00:00.000Z");
    expect(await store.list()).toEqual({ entries: [saved], next_cursor: null });
  });

  it("survives a reopen of the database", async () => {
    const a = await store.append(exportEntry());
    await db.reopen();
    expect((await store.list()).entries).toEqual([a]);
  });

  it("keeps every one of many concurrent appends in one unbroken chain", async () => {
    const saved = await Promise.all(Array.from({ length: 60 }, (_, i) => store.append(exportEntry({ rows: i }))));
    const listed = await store.list({ limit: 1000 });
    expect(new Set(listed.entries.map((e) => e.id))).toEqual(new Set(saved.map((e) => e.id)));
    const verdict = await verifyAuditChain(db.database);
    expect(verdict).toMatchObject({ ok: true, entries: 60 });
  });

  listsLikeAnAuditStore(() => store, exportEntry);

  it("streams every matching entry oldest first, across batches", async () => {
    await db.database.transaction(async (q) => {
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
    expect((await verifyAuditChain(db.database)).ok).toBe(true);
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
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: true, entries: 5 });
    return saved;
  }

  it("is intact when empty", async () => {
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: true, entries: 0 });
  });

  it("names an entry edited in SQL", async () => {
    const saved = await five();
    await db.database.query("update audit_entries set rows = 0 where id = $1", [saved[2]!.id]);
    const v = await verifyAuditChain(db.database);
    expect(v).toMatchObject({ ok: false, kind: "changed", entries: 2, entry: { id: saved[2]!.id } });
    expect(v.message).toMatch(/was changed after it was written/);
  });

  it("names an entry whose filters were edited, even with its hash recomputed by someone without the rest of the chain", async () => {
    const saved = await five();
    await db.database.query(`update audit_entries set filters = '{"org":["other"]}'::jsonb, hash = repeat('b', 64) where id = $1`, [saved[1]!.id]);
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: false, kind: "changed", entry: { id: saved[1]!.id } });
  });

  it("names where an entry was removed", async () => {
    const saved = await five();
    await db.database.query("delete from audit_entries where id = $1", [saved[2]!.id]);
    const v = await verifyAuditChain(db.database);
    expect(v).toMatchObject({ ok: false, kind: "removed", entry: { id: saved[3]!.id } });
    expect(v.message).toMatch(/before entry #\d+ .* were removed/);
  });

  it("notices the newest entry removed", async () => {
    const saved = await five();
    await db.database.query("delete from audit_entries where id = $1", [saved[4]!.id]);
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: false, kind: "truncated", entries: 4 });
  });

  it("names an entry inserted between two others, even one whose own hash is right", async () => {
    const saved = await five();
    const [second] = await db.database.query<{ seq: string; hash: string }>("select seq, hash from audit_entries where id = $1", [saved[1]!.id]);
    // Make room at seq+1 by moving the later rows, then slip an entry in that links to the second.
    await db.database.query("alter table audit_entries alter column seq set generated by default");
    await db.database.query("update audit_entries set seq = seq + 100 where seq > $1", [Number(second!.seq)]);
    const { chainHash } = await import("./chain");
    const forged = { id: "forged", at: "2026-01-01T00:00:00.000Z", actor: "nobody", action: "export", target: "users.csv", filters: {}, outcome: "completed" };
    await db.database.query(
      `insert into audit_entries (seq, id, at, actor, action, target, filters, outcome, prev_hash, hash)
       values ($1, 'forged', '2026-01-01T00:00:00.000Z', 'nobody', 'export', 'users.csv', '{}', 'completed', $2, $3)`,
      [Number(second!.seq) + 1, second!.hash, chainHash(second!.hash, forged)],
    );
    await db.database.query("update audit_chain_head set seq = seq + 100");
    await db.database.query("alter table audit_entries alter column seq set generated always");
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: false, kind: "inserted", entry: { id: "forged" } });
  });

  it("names an entry added after the newest by hand", async () => {
    await five();
    await db.database.query(
      `insert into audit_entries (id, at, actor, action, target, filters, outcome, prev_hash, hash)
       values ('late', now(), 'nobody', 'export', 'users.csv', '{}', 'completed', (select hash from audit_chain_head), repeat('c', 64))`,
    );
    expect(await verifyAuditChain(db.database)).toMatchObject({ ok: false, kind: "inserted", entry: { id: "late" } });
  });
});
