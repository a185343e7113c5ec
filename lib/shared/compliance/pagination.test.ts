import { describe, expect, it } from "vitest";
import { startCursor, stepWalk, walkFailureMessage, type Step } from "./pagination";

/*
 * The one step both walkers wrap (their own tests drive it through a page source); here the
 * rules the two once disagreed on, step by step.
 */

const ok = (step: Step) => {
  if (!step.ok) throw new Error(step.detail);
  return step.cursor;
};

describe("one pagination step", () => {
  it("goes on while a token comes, even when has_more is left out; stops on has_more false or no token", () => {
    const first = ok(stepWalk(startCursor(), { data: [1], next_page: "a" }));
    expect(first).toMatchObject({ next: "a", done: false, pages: 1, rows: 1 });
    expect(ok(stepWalk(first, { data: [2], has_more: false, next_page: "b" }))).toMatchObject({ done: true, rows: 2, seenTokens: ["a"] });
    expect(ok(stepWalk(first, { data: [2], has_more: true, next_page: null }))).toMatchObject({ done: true });
    expect(ok(stepWalk(first, { data: [2], has_more: true, next_page: "" }))).toMatchObject({ done: true });
  });

  it("allows maxEmptyPages empty pages in a row, fails on the next, and counts again after a full page", () => {
    let cursor = startCursor();
    for (let i = 0; i < 3; i++) cursor = ok(stepWalk(cursor, { data: [], has_more: true, next_page: `e${i}` }, { maxEmptyPages: 3 }));
    const failed = stepWalk(cursor, { data: [], has_more: true, next_page: "e3" }, { maxEmptyPages: 3 });
    expect(failed).toMatchObject({ ok: false, pages: 4, rows: 0 });
    expect(ok(stepWalk(cursor, { data: [1], has_more: true, next_page: "f" }, { maxEmptyPages: 3 })).emptyInARow).toBe(0);
  });

  it("resumes from a cursor kept as plain data: a token it already asked for still fails", () => {
    const kept = JSON.parse(JSON.stringify(ok(stepWalk(ok(stepWalk(startCursor(), { data: [1], has_more: true, next_page: "a" })), { data: [2], has_more: true, next_page: "b" }))));
    const failed = stepWalk(kept, { data: [3], has_more: true, next_page: "a" });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(walkFailureMessage("users", failed)).toMatch(/^Listing users was stopped after 3 pages \(3 rows\): .*already sent/);
  });
});
