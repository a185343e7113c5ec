import { describe, expect, it } from "vitest";
import { MeasurementError, finite, nonFiniteNumbers, percentile, summarize } from "./stats";

describe("bench statistics", () => {
  it("refuses empty samples instead of answering NaN", () => {
    expect(() => percentile("keystrokes", [], 95)).toThrow(MeasurementError);
    expect(() => percentile("keystrokes", [], 95)).toThrow("keystrokes: no samples");
    expect(() => summarize("keystrokes", [])).toThrow("no samples");
  });

  it("refuses a NaN or infinite sample", () => {
    expect(() => percentile("load", [1, Number.NaN, 3], 50)).toThrow("load (sample 2): no valid value (got NaN)");
    expect(() => finite("rows/s", Number.POSITIVE_INFINITY)).toThrow(MeasurementError);
    expect(finite("rows/s", 12)).toBe(12);
  });

  it("refuses fewer samples than the measurement set out to take", () => {
    expect(() => summarize("keystrokes", [10, 20], 3)).toThrow("only 2 of 3 samples");
  });

  it("takes nearest-rank percentiles of unsorted samples", () => {
    const xs = [50, 10, 40, 20, 30, 100, 90, 60, 80, 70];
    expect(percentile("x", xs, 50)).toBe(50);
    expect(percentile("x", xs, 95)).toBe(100);
    expect(percentile("x", [7], 95)).toBe(7);
    expect(summarize("x", xs)).toMatchObject({ n: 10, medianMs: 50, p95Ms: 100 });
  });

  it("finds every NaN or infinite number anywhere in a report, by path", () => {
    const report = { sync: { wallMs: 10, boundMs: Number.NaN }, browser: { keystrokes: [1, Number.POSITIVE_INFINITY] }, errors: ["x"], note: "NaN in words is text" };
    expect(nonFiniteNumbers(report)).toEqual(["report.sync.boundMs is NaN", "report.browser.keystrokes[1] is Infinity"]);
    expect(nonFiniteNumbers({ a: 1, b: [2, { c: 3 }], d: null })).toEqual([]);
  });
});
