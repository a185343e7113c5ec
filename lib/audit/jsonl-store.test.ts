import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { JsonlAuditStore, InvalidAuditCursorError } from "./jsonl-store";
import type { NewAuditEntry } from "./entry";

let dir: string;
let store: JsonlAuditStore;

const exportEntry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  actor: "officer",
  action: "export",
  target: "users.csv",
  filters: { org: ["0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f"] },
  rows: 3,
  bytes: 120,
  sha256: "a".repeat(64),
  outcome: "completed",
  ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "audit-"));
  store = JsonlAuditStore.inDataDir(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the embedded audit log", () => {
  it("records an export with an id and a timestamp and lists it", async () => {
    const saved = await store.append(exportEntry());
    expect(saved.id).toMatch(/[0-9a-f-]{36}/);
    expect(Date.parse(saved.at)).not.toBeNaN();
    const page = await store.list();
    expect(page).toEqual({ entries: [saved], next_cursor: null });
  });

  it("survives a restart: a new store on the same data directory lists what the old one wrote", async () => {
    const a = await store.append(exportEntry());
    const b = await store.append(exportEntry({ outcome: "aborted", detail: "upstream failed" }));
    await store.close();
    store = JsonlAuditStore.inDataDir(dir);
    expect((await store.list()).entries).toEqual([b, a]);
    const c = await store.append(exportEntry({ action: "login", target: "session", outcome: "ok" }));
    expect((await store.list()).entries.map((e) => e.id)).toEqual([c.id, b.id, a.id]);
  });

  it("keeps every one of many concurrent appends, each on its own line", async () => {
    const saved = await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(exportEntry({ rows: i }))));
    const text = await readFile(store.file, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(200);
    const listed = await store.list({ limit: 1000 });
    expect(new Set(listed.entries.map((e) => e.id))).toEqual(new Set(saved.map((e) => e.id)));
    expect(listed.entries.map((e) => e.rows).sort((x, y) => x! - y!)).toEqual(saved.map((_, i) => i));
  });

  it("lists newest first in pages, the cursor leading to older entries without gaps or repeats", async () => {
    const saved = [];
    for (let i = 0; i < 7; i++) saved.push(await store.append(exportEntry({ rows: i })));
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

  it("streams every matching entry oldest first for the CSV download", async () => {
    for (let i = 0; i < 5; i++) await store.append(exportEntry({ rows: i, outcome: i % 2 ? "aborted" : "completed" }));
    const rows: number[] = [];
    for await (const e of store.scan({ outcome: "completed" })) rows.push(e.rows!);
    expect(rows).toEqual([0, 2, 4]);
  });

  it("skips a torn line left by a crash and starts the next entry on a fresh line", async () => {
    const a = await store.append(exportEntry());
    await store.close();
    await appendFile(store.file, '{"id":"torn","at":"2026');
    store = JsonlAuditStore.inDataDir(dir);
    const b = await store.append(exportEntry({ outcome: "aborted" }));
    expect((await store.list()).entries.map((e) => e.id)).toEqual([b.id, a.id]);
  });

  it("refuses an entry that breaks the schema instead of writing it", async () => {
    await expect(store.append(exportEntry({ sha256: "not-hex" }))).rejects.toThrow();
    expect((await store.list()).entries).toEqual([]);
  });

  it("answers an empty page before anything was written, and refuses a forged cursor", async () => {
    expect(await store.list()).toEqual({ entries: [], next_cursor: null });
    await expect(store.list({ cursor: "abc" })).rejects.toBeInstanceOf(InvalidAuditCursorError);
  });
});
