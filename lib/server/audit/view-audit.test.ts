import { describe, expect, it } from "vitest";
import type { AuditEntry, NewAuditEntry } from "@/lib/shared/audit/entry";
import type { AuditStore } from "./store";
import { recordView, VIEW_COALESCE_MS } from "./view-audit";

/* Bulk reads on record, coalesced: one entry per officer, resource and sync per hour; none skipped after a failed write. */

function memoryStore(fail = { now: false }): AuditStore & { entries: NewAuditEntry[] } {
  const entries: NewAuditEntry[] = [];
  return {
    entries,
    async append(e) {
      if (fail.now) throw new Error("log down");
      entries.push(e);
      return { ...e, id: String(entries.length), at: new Date().toISOString(), filters: e.filters ?? {} } as AuditEntry;
    },
    list: async () => ({ entries: [], next_cursor: null }),
    scan: async function* () {},
    close: async () => {},
  };
}

describe("recordView", () => {
  it("writes one entry per officer, resource and sync within the hour, and another after it", async () => {
    const audit = memoryStore();
    const t0 = 1_000_000_000_000;
    const read = { actor: "ann-coalesce", target: "directory/people", syncId: "sync_aaaaaaaa_000000000001" };
    await recordView(read, audit, t0);
    await recordView(read, audit, t0 + 1000);
    await recordView(read, audit, t0 + VIEW_COALESCE_MS - 1);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: "ann-coalesce", action: "view", target: "directory/people", outcome: "ok", sync_id: read.syncId });

    await recordView({ ...read, syncId: "sync_aaaaaaaa_000000000002" }, audit, t0 + 2000);
    await recordView({ ...read, actor: "bob-coalesce" }, audit, t0 + 2000);
    expect(audit.entries).toHaveLength(3);
    await recordView(read, audit, t0 + VIEW_COALESCE_MS);
    expect(audit.entries).toHaveLength(4);
  });

  it("throws when the log cannot take the entry, and does not count that read as on record", async () => {
    const fail = { now: true };
    const audit = memoryStore(fail);
    const read = { actor: "cy-coalesce", target: "seed_list:sl_x#1", version: "2026-12-03T00:00:00.000Z" };
    await expect(recordView(read, audit, 5)).rejects.toThrow(/log down/);
    fail.now = false;
    await recordView(read, audit, 6);
    expect(audit.entries).toHaveLength(1);
  });
});
