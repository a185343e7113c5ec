import { describe, expect, it, vi } from "vitest";

/*
 * The audit store is one per process and throws the cursor error class of the Next.js layer that
 * made it; the audit route's check must know one made by another copy of the module.
 */

describe("isInvalidAuditCursor", () => {
  it("knows a cursor error made by another copy of the module, and nothing else", async () => {
    const mine = await import("./store");
    vi.resetModules();
    const theirs = await import("./store");
    expect(theirs.InvalidAuditCursorError).not.toBe(mine.InvalidAuditCursorError);
    const err = new theirs.InvalidAuditCursorError();
    expect(err instanceof mine.InvalidAuditCursorError).toBe(false);
    expect(mine.isInvalidAuditCursor(err)).toBe(true);
    expect(mine.isInvalidAuditCursor(new Error("The audit list cursor is not valid"))).toBe(false);
    expect(mine.isInvalidAuditCursor(undefined)).toBe(false);
  });
});
