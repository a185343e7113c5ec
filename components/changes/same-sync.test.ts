import { describe, expect, it } from "vitest";
import { sameSyncNote } from "./same-sync";

describe("sameSyncNote", () => {
  it("is null for two different syncs, or while the pair is not known", () => {
    expect(sameSyncNote(3, "sync_a", "sync_b", "")).toBeNull();
    expect(sameSyncNote(0, "", "", "")).toBeNull();
  });

  it("says that a single complete sync has nothing to compare with", () => {
    expect(sameSyncNote(1, "sync_a", "sync_a", "")).toMatch(/^Only one sync is complete so far/);
  });

  it("says that no sync completed since the day asked for", () => {
    expect(sameSyncNote(2, "sync_b", "sync_b", "2026-12-05")).toBe("No sync has completed since 2026-12-05: the newest sync finished before that day.");
  });

  it("asks for an earlier From when the officer picked the same sync twice", () => {
    expect(sameSyncNote(2, "sync_b", "sync_b", "")).toMatch(/^From and To are the same sync/);
  });
});
