import { describe, expect, it } from "vitest";
import { resolveEntries } from "./entries";
import { timeBudget, WorkBudgetExceeded } from "./work-budget";

/** A clock that moves one second each time it is read: deterministic, no waiting. */
function steppingClock() {
  let t = 0;
  let reads = 0;
  return {
    now: () => {
      reads++;
      return (t += 1_000);
    },
    get reads() {
      return reads;
    },
  };
}

const lookup = { peopleById: new Map<string, string>(), peopleByEmail: new Map<string, string[]>() };

describe("the time budget for work on officer input", () => {
  it("reads the clock once per `every` units and stops the work once the time is up", () => {
    const clock = steppingClock();
    const budget = timeBudget("Resolving this list", 5_000, { now: clock.now, every: 100 });
    const entries = Array.from({ length: 10_000 }, (_, i) => `user_${i}`);
    expect(() => resolveEntries(lookup, entries, budget)).toThrow(WorkBudgetExceeded);
    // Start, then one read per 100 entries until the 5 s were used: the work stopped early.
    expect(clock.reads).toBeLessThan(10);
    try {
      resolveEntries(lookup, entries, timeBudget("Resolving this list", 5_000, { now: steppingClock().now, every: 100 }));
    } catch (e) {
      expect((e as Error).message).toMatch(/^Resolving this list took longer than 5 seconds and was stopped.*Split the list/);
    }
  });

  it("lets work within the budget finish with the full answer", () => {
    const clock = steppingClock();
    const out = resolveEntries(lookup, ["user_1", "x", ""], timeBudget("Resolving", 60_000, { now: clock.now, every: 1 }));
    expect(out.map((r) => r.status)).toEqual(["unmatched", "unmatched", "blank"]);
  });

  it("classifies an entry longer than any email or id without looking at it with a pattern", () => {
    const [r] = resolveEntries(lookup, [`${"a".repeat(160_000)}@x.com`]);
    expect(r).toMatchObject({ status: "unmatched", kind: "other", reason: "not_an_email_or_id" });
  });
});
