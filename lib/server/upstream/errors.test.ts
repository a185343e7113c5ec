import { describe, expect, it, vi } from "vitest";

/*
 * Each Next.js layer runs its own copy of errors.ts, while the process's one upstream client throws
 * the class of the layer that made it: an error from another copy must still read as the upstream's.
 */

describe("isUpstreamError", () => {
  it("knows an upstream error made by another copy of the module, and nothing else", async () => {
    const mine = await import("./errors");
    vi.resetModules();
    const theirs = await import("./errors");
    expect(theirs.UpstreamError).not.toBe(mine.UpstreamError);
    const err = new theirs.UpstreamError({ kind: "permission", message: "The access key lacks a scope." });
    expect(err instanceof mine.UpstreamError).toBe(false);
    expect(mine.isUpstreamError(err)).toBe(true);
    expect(mine.isUpstreamError(new Error("not the upstream's"))).toBe(false);
    expect(mine.isUpstreamError({ kind: "permission" })).toBe(false);
    expect(mine.isUpstreamError(null)).toBe(false);
  });
});
