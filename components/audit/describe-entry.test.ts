import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/shared/audit/entry";
import { describeAuditEntry, describeFilters } from "./describe-entry";

const entry = (e: Partial<AuditEntry>): AuditEntry => ({ id: "1", at: "2026-01-02T10:00:05Z", actor: "officer", action: "export", target: "users.csv", filters: {}, outcome: "completed", ...e });
const sha = "ab12cd34ef56".padEnd(64, "0");

describe("audit entries in sentences", () => {
  it("a completed download names its rows, organizations, filters and hash", () => {
    const text = describeAuditEntry(entry({ rows: 12400, sha256: sha, filters: { org: ["a", "b", "c"], role: ["admin"] } }));
    expect(text).toBe("Downloaded users.csv: 12,400 rows of 3 organizations (filters: role = admin), SHA-256 ab12cd34ef56…");
  });

  it("reconciliation and seed-list counts read as words, never as an object", () => {
    const rec = describeAuditEntry(entry({ action: "reconciliation", target: "group:Sales", outcome: "ok", filters: { expected_from: "hr.csv", counts: { in_both: 10, unexpected: 2, missing: 1 } } }));
    expect(rec).toBe("Reconciled group:Sales: 10 in both, 2 unexpected, 1 missing (expected members from = hr.csv)");
    const seed = describeAuditEntry(entry({ action: "seed_list", target: "Matter 12", outcome: "ok", filters: { operation: "save", counts: { entries: 3, matched: 2 } } }));
    expect(seed).toBe("Saved seed list Matter 12: 3 entries, 2 matched");
    for (const t of [rec, seed]) expect(t).not.toMatch(/counts=|\{/);
  });

  it("a refusal and an aborted download say why", () => {
    expect(describeAuditEntry(entry({ outcome: "refused", detail: "the viewer role may not export" }))).toBe("Refused a download of users.csv, the viewer role may not export");
    expect(describeAuditEntry(entry({ outcome: "aborted", rows: 5, detail: "client went away" }))).toBe("Download of users.csv stopped after 5 rows, client went away");
  });

  it("a recorded read says what was viewed, once per hour", () => {
    const text = describeAuditEntry(entry({ action: "view", target: "directory/people", outcome: "ok", rows: 2500, sync_id: "sync_1", filters: { coalesced_for: "1h" } }));
    expect(text).toBe("Viewed directory/people: 2,500 rows, from sync sync_1, first read within 1h");
  });

  it("filters: search, time bounds and the Excel mark in words; nothing asked for is empty", () => {
    expect(describeFilters({})).toBe("");
    expect(describeFilters({ q: "smith", from: "2026-01-01T00:00:00.000Z", bom: true })).toBe("search “smith”; from 2026-01-01 00:00 UTC; with a byte-order mark for Excel");
    expect(describeFilters({ domain: ["a", "b", "c", "d"] })).toBe("email domain = 4 values");
  });
});
