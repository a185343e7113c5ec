import { describe, expect, it } from "vitest";
import { cpuTicks, waitForIdleCpu } from "./processes";

describe("CPU time from /proc", () => {
  it("counts this process's CPU time, which grows while it works", () => {
    const before = cpuTicks([process.pid]);
    expect(before).toBeGreaterThan(0);
    // Work until 10 ticks (0.1 s of CPU) are counted; on a machine shared with other tests that takes longer than 0.1 s.
    const deadline = performance.now() + 10_000;
    while (cpuTicks([process.pid]) - before < 10 && performance.now() < deadline) for (let i = 0; i < 1e5; i++);
    expect(cpuTicks([process.pid]) - before).toBeGreaterThanOrEqual(10);
  });

  it("reads a process that is gone as no time at all", () => {
    expect(cpuTicks([2 ** 22 + 1])).toBe(0);
  });

  it("settles at once for a process that sleeps, and says so", async () => {
    const r = await waitForIdleCpu(process.pid, { windowMs: 200, timeoutMs: 5_000 });
    expect(r.settled).toBe(true);
    expect(r.waitedMs).toBeLessThan(5_000);
  });

  it("gives up on a process that keeps working, and says it did not settle", async () => {
    // A busy loop in slices: the timer that ends each window still fires between them.
    let busy = true;
    const work = () => {
      const until = performance.now() + 40;
      while (performance.now() < until);
      if (busy) setTimeout(work, 0);
    };
    work();
    try {
      const r = await waitForIdleCpu(process.pid, { share: 0.1, windowMs: 200, timeoutMs: 600 });
      expect(r.settled).toBe(false);
      expect(r.waitedMs).toBeGreaterThanOrEqual(600);
    } finally {
      busy = false;
    }
  });
});
