import { describe, expect, it } from "vitest";
import { SlicedBuild, runNow, sortSteps, type Steps } from "./time-slices";

/* The slicing machinery: same answers as the one-go code, one build per directory, and the event loop gets turns. */

function* counting(n: number, log: { runs: number }): Steps<number> {
  log.runs++;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += i;
    yield;
  }
  return sum;
}

describe("time slices", () => {
  it("sortSteps orders exactly as one Array.prototype.sort does, ties by position", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of [0, 1, 2, 1023, 1024, 1025, 5000]) {
      const keys = Array.from({ length: n }, () => Math.floor(random() * (n / 3 + 1)));
      const compare = (a: number, b: number) => keys[a]! - keys[b]! || a - b;
      const expected = Array.from({ length: n }, (_, i) => i).sort(compare);
      expect([...runNow(sortSteps(n, compare))]).toEqual(expected);
    }
  });

  it("a build in slices gives the event loop turns between them", async () => {
    const build = new SlicedBuild(counting(2_000, { runs: 0 }));
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1_000) setImmediate(tick);
    };
    setImmediate(tick);
    // A slice of 0 ms: every step ends one, so the loop runs between any two.
    expect(await build.inSlices(0)).toBe((2_000 * 1_999) / 2);
    expect(turns).toBeGreaterThan(100);
  });

  it("callers that need the value at once finish the build already under way; everyone gets the one result", async () => {
    const log = { runs: 0 };
    const build = new SlicedBuild(counting(5_000, log));
    const first = build.inSlices(0);
    const second = build.inSlices(0);
    await new Promise((r) => setImmediate(r));
    const now = build.now();
    expect(await first).toBe(now);
    expect(await second).toBe(now);
    expect(log.runs).toBe(1);
  });

  it("a build that failed fails the same way for every caller after", async () => {
    function* failing(): Steps<number> {
      yield;
      throw new Error("broken directory");
    }
    const build = new SlicedBuild(failing());
    await expect(build.inSlices(0)).rejects.toThrow("broken directory");
    expect(() => build.now()).toThrow("broken directory");
  });
});
