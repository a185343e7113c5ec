import { describe, expect, it } from "vitest";
import { tasksToEnable, taskState } from "./count-scheduler";

describe("the Overview's count window", () => {
  it("runs at most the window at once, in order, and keeps running tasks going", () => {
    expect(tasksToEnable(["settled", "waiting", "waiting", "waiting", "waiting"], 3, false)).toEqual([false, true, true, true, false]);
    expect(tasksToEnable(["running", "running", "waiting", "waiting"], 3, false)).toEqual([true, true, true, false]);
  });

  it("starts nothing while paused", () => {
    expect(tasksToEnable(["running", "waiting"], 3, true)).toEqual([false, false]);
  });

  it("counts a fresh answer and a failure as done, a stale or invalidated one as to do", () => {
    const base = { data: undefined, dataUpdateCount: 1, errorUpdateCount: 0, errorUpdatedAt: 0, error: null, fetchFailureCount: 0, fetchFailureReason: null, fetchMeta: null };
    const now = 1_000_000;
    expect(taskState({ ...base, status: "success", fetchStatus: "idle", isInvalidated: false, dataUpdatedAt: now - 1000 }, now, 60_000)).toBe("settled");
    expect(taskState({ ...base, status: "success", fetchStatus: "idle", isInvalidated: false, dataUpdatedAt: now - 120_000 }, now, 60_000)).toBe("waiting");
    expect(taskState({ ...base, status: "success", fetchStatus: "idle", isInvalidated: true, dataUpdatedAt: now }, now, 60_000)).toBe("waiting");
    expect(taskState({ ...base, status: "error", fetchStatus: "idle", isInvalidated: true, dataUpdatedAt: 0, errorUpdatedAt: now - 10 }, now, 60_000)).toBe("settled");
    expect(taskState({ ...base, status: "pending", fetchStatus: "fetching", isInvalidated: false, dataUpdatedAt: 0 }, now, 60_000)).toBe("running");
    expect(taskState(undefined, now, 60_000)).toBe("waiting");
  });

  it("keeps a failure failed (never retried in a loop) until the officer retries after it", () => {
    const failed = { data: undefined, dataUpdateCount: 0, errorUpdateCount: 1, errorUpdatedAt: 5_000, error: new Error("x"), fetchFailureCount: 1, fetchFailureReason: null, fetchMeta: null, status: "error" as const, fetchStatus: "idle" as const, isInvalidated: true, dataUpdatedAt: 0 };
    expect(taskState(failed, 6_000, 60_000, 0)).toBe("settled");
    expect(taskState(failed, 6_000, 60_000, 5_500)).toBe("waiting");
    // A window full of failures does not block the organizations after them.
    expect(tasksToEnable(["settled", "settled", "settled", "waiting"], 3, false)).toEqual([false, false, false, true]);
  });
});
