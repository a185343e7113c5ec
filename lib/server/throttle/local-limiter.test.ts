import { afterEach, describe, expect, it } from "vitest";
import { maxInWindow } from "@/lib/tools/testing/start-windows";
import { createLocalLimiter, maxConcurrentFor, minTimeFor, type LocalLimiter } from "./local-limiter";

let limiter: LocalLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

describe("the in-process limiter", () => {
  it("spaces starts with a margin over the rate (260 ms at 4 rps)", () => {
    expect(minTimeFor(4)).toBe(260);
    expect(minTimeFor(1)).toBeGreaterThanOrEqual(1010);
    expect(maxConcurrentFor(4)).toBeGreaterThanOrEqual(4);
  });

  it("never puts more than rps starts in any one-second window", async () => {
    limiter = createLocalLimiter({ rps: 20 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, () =>
        limiter!.schedule("bulk", async () => {
          starts.push(Date.now());
        }),
      ),
    );
    expect(starts).toHaveLength(60);
    expect(maxInWindow(starts)).toBeLessThanOrEqual(20);
  });

  it("starts interactive requests ahead of a queue of bulk ones", async () => {
    limiter = createLocalLimiter({ rps: 10, maxConcurrent: 1 });
    const order: string[] = [];
    const bulk = Array.from({ length: 8 }, (_, i) => limiter!.schedule("bulk", async () => void order.push(`bulk${i}`)));
    // Let the first bulk job take the slot, then an officer asks for a page.
    await new Promise((r) => setTimeout(r, 20));
    const interactive = limiter.schedule("interactive", async () => void order.push("interactive"));
    await Promise.all([...bulk, interactive]);
    expect(order.indexOf("interactive")).toBeLessThanOrEqual(2);
  });

  it("holds every start back while paused (a 429 or an exhausted budget)", async () => {
    limiter = createLocalLimiter({ rps: 50 });
    const pausedAt = Date.now();
    limiter.pauseUntil(pausedAt + 400);
    expect(limiter.stats().pausedUntil).toBe(pausedAt + 400);
    expect(limiter.stats().notice).toMatch(/rate limit/);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limiter!.schedule("interactive", async () => void starts.push(Date.now()))));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(pausedAt + 400);
    expect(limiter.stats().pausedUntil).toBeUndefined();
  });

  it("a pause that begins while jobs wait in the queue holds them too", async () => {
    limiter = createLocalLimiter({ rps: 10 });
    const starts: number[] = [];
    const jobs = Array.from({ length: 6 }, () => limiter!.schedule("bulk", async () => void starts.push(Date.now())));
    await new Promise((r) => setTimeout(r, 120));
    const until = Date.now() + 500;
    limiter.pauseUntil(until);
    await Promise.all(jobs);
    const after = starts.filter((t) => t >= until);
    const before = starts.filter((t) => t < until);
    expect(before.length).toBeLessThanOrEqual(2);
    expect(after.length + before.length).toBe(6);
  });

  it("reports its queue and rate", async () => {
    limiter = createLocalLimiter({ rps: 4 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = limiter.schedule("interactive", () => gate);
    await new Promise((r) => setTimeout(r, 20));
    const s = limiter.stats();
    expect(s).toMatchObject({ mode: "local", rps: 4, running: 1 });
    release();
    await running;
  });
});
