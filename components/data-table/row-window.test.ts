import { describe, expect, it } from "vitest";
import { rowWindow } from "./row-window";

const view = (top: number, height: number) => ({ top, height, scrolled: top > 0 });

describe("rowWindow", () => {
  it("draws the rows in view and the overscan below them at the top", () => {
    // 10 rows of 32 px in view (320 px), one more for a partly shown row, 6 below.
    expect(rowWindow(1000, 32, 6, view(0, 320))).toEqual({ first: 0, last: 16, paddingTop: 0, paddingBottom: (1000 - 17) * 32, scrolled: false });
  });

  it("draws the overscan above and below when scrolled, padding the rest", () => {
    const w = rowWindow(1000, 32, 6, view(500, 320));
    expect([w.first, w.last]).toEqual([494, 516]);
    expect(w.paddingTop).toBe(494 * 32);
    expect(w.paddingBottom).toBe((1000 - 1 - 516) * 32);
    // Padding and drawn rows add up to the whole height, so the scrollbar is true.
    expect(w.paddingTop + (w.last - w.first + 1) * 32 + w.paddingBottom).toBe(1000 * 32);
  });

  it("keeps the last rows drawn when the count shrank below the scroll position", () => {
    const w = rowWindow(30, 32, 6, view(500, 320));
    expect([w.first, w.last]).toEqual([13, 29]);
    expect(w.paddingBottom).toBe(0);
    expect(w.paddingTop + (w.last - w.first + 1) * 32).toBe(30 * 32);
  });

  it("draws every row of a table shorter than the view", () => {
    expect(rowWindow(3, 32, 6, view(0, 900))).toMatchObject({ first: 0, last: 2, paddingTop: 0, paddingBottom: 0 });
  });

  it("draws exactly the rows in view without overscan", () => {
    // 320 px from the top of a row: 10 rows, and the 11th for a view that starts mid-row.
    expect(rowWindow(1000, 32, 0, view(40, 320))).toMatchObject({ first: 40, last: 50 });
  });

  it("draws nothing for no rows", () => {
    const w = rowWindow(0, 32, 6, view(0, 320));
    expect(w.last).toBeLessThan(w.first);
    expect([w.paddingTop, w.paddingBottom]).toEqual([0, 0]);
  });
});
