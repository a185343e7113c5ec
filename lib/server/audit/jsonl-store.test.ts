import { describe, expect, it } from "vitest";
import { appendFile, readFile } from "node:fs/promises";
import { InvalidAuditCursorError } from "./jsonl-store";
import { auditEntry, listsLikeAnAuditStore } from "@/lib/tools/testing/audit-store-suite";
import { throwawayAuditLogEach } from "@/lib/tools/testing/throwaway-stores";

const log = throwawayAuditLogEach("audit-");

describe("the embedded audit log", () => {
  it("records an export with an id and a timestamp and lists it", async () => {
    const saved = await log.audit.append(auditEntry());
    expect(saved.id).toMatch(/[0-9a-f-]{36}/);
    expect(Date.parse(saved.at)).not.toBeNaN();
    const page = await log.audit.list();
    expect(page).toEqual({ entries: [saved], next_cursor: null });
  });

  it("survives a restart: a new store on the same data directory lists what the old one wrote", async () => {
    const a = await log.audit.append(auditEntry());
    const b = await log.audit.append(auditEntry({ outcome: "aborted", detail: "upstream failed" }));
    await log.reopen();
    expect((await log.audit.list()).entries).toEqual([b, a]);
    const c = await log.audit.append(auditEntry({ action: "login", target: "session", outcome: "ok" }));
    expect((await log.audit.list()).entries.map((e) => e.id)).toEqual([c.id, b.id, a.id]);
  });

  it("keeps every one of many concurrent appends, each on its own line", async () => {
    const saved = await Promise.all(Array.from({ length: 200 }, (_, i) => log.audit.append(auditEntry({ rows: i }))));
    const text = await readFile(log.audit.file, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(200);
    const listed = await log.audit.list({ limit: 1000 });
    expect(new Set(listed.entries.map((e) => e.id))).toEqual(new Set(saved.map((e) => e.id)));
    expect(listed.entries.map((e) => e.rows).sort((x, y) => x! - y!)).toEqual(saved.map((_, i) => i));
  });

  listsLikeAnAuditStore(() => log.audit);

  it("streams every matching entry oldest first for the CSV download", async () => {
    for (let i = 0; i < 5; i++) await log.audit.append(auditEntry({ rows: i, outcome: i % 2 ? "aborted" : "completed" }));
    const rows: number[] = [];
    for await (const e of log.audit.scan({ outcome: "completed" })) rows.push(e.rows!);
    expect(rows).toEqual([0, 2, 4]);
  });

  it("skips a torn line left by a crash and starts the next entry on a fresh line", async () => {
    const a = await log.audit.append(auditEntry());
    await log.audit.close();
    await appendFile(log.audit.file, '{"id":"torn","at":"2026');
    await log.reopen();
    const b = await log.audit.append(auditEntry({ outcome: "aborted" }));
    expect((await log.audit.list()).entries.map((e) => e.id)).toEqual([b.id, a.id]);
  });

  it("refuses an entry that breaks the schema instead of writing it", async () => {
    await expect(log.audit.append(auditEntry({ sha256: "not-hex" }))).rejects.toThrow();
    expect((await log.audit.list()).entries).toEqual([]);
  });

  it("answers an empty page before anything was written, and refuses a forged cursor", async () => {
    expect(await log.audit.list()).toEqual({ entries: [], next_cursor: null });
    await expect(log.audit.list({ cursor: "abc" })).rejects.toBeInstanceOf(InvalidAuditCursorError);
  });
});
