import { afterEach, describe, expect, it, vi } from "vitest";
import { afterNextPaint } from "./after-paint";

describe("afterNextPaint", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("resolves at once where there are no frames", async () => {
    vi.stubGlobal("requestAnimationFrame", undefined);
    await expect(afterNextPaint()).resolves.toBeUndefined();
  });

  it("waits for the frame, then for the task after it", async () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (cb: () => void) => frames.push(cb));
    let done = false;
    void afterNextPaint(100).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(false);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("does not wait past maxMs when no frame comes (a hidden tab)", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("requestAnimationFrame", () => 0);
    let done = false;
    void afterNextPaint(100).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
