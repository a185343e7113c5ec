import { expect, it } from "vitest";
import type { NewAuditEntry } from "@/lib/shared/audit/entry";
import type { AuditStore } from "@/lib/server/audit/store";

/* What every AuditStore does alike (the database's and the JSON Lines one), written once for both suites. */

export const auditEntry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
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

/** The listing tests, inside the caller's describe; `store` is read when each test runs. */
export function listsLikeAnAuditStore(store: () => AuditStore, entry: (over?: Partial<NewAuditEntry>) => NewAuditEntry = auditEntry): void {
  it("lists newest first in pages, the cursor leading to older entries without gaps or repeats", async () => {
    for (let i = 0; i < 7; i++) await store().append(entry({ rows: i }));
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await store().list({ limit: 3, cursor });
      seen.push(...page.entries.map((e) => e.rows!));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });

  it("filters by time range, actor, action and outcome", async () => {
    await store().append(entry({ at: "2026-01-01T10:00:00.000Z", actor: "ann" }));
    await store().append(entry({ at: "2026-02-01T10:00:00.000Z", actor: "bob", outcome: "aborted" }));
    await store().append(entry({ at: "2026-03-01T10:00:00.000Z", actor: "ann", action: "login", outcome: "ok" }));
    const actors = async (q: Parameters<AuditStore["list"]>[0]) => (await store().list(q)).entries.map((e) => `${e.actor}@${e.at.slice(5, 7)}`);
    expect(await actors({ actor: "ann" })).toEqual(["ann@03", "ann@01"]);
    expect(await actors({ outcome: "aborted" })).toEqual(["bob@02"]);
    expect(await actors({ action: "export" })).toEqual(["bob@02", "ann@01"]);
    expect(await actors({ from: Date.parse("2026-01-15"), to: Date.parse("2026-03-01T10:00:00.000Z") })).toEqual(["bob@02"]);
  });
}
