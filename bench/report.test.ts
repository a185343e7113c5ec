import { describe, expect, it } from "vitest";
import { keystrokeNotes } from "./report";
import { summarize } from "./stats";

describe("keystrokeNotes", () => {
  it("lists the keys in order and the p95 without the page's first key", () => {
    const t = summarize("keys", [52, 30, 31, 44, 29]);
    expect(t.p95Ms).toBe(52);
    expect(keystrokeNotes(t)).toBe("5 keystrokes in order: 52, 30, 31, 44, 29 ms; without the page's first key, p95 44 ms");
  });

  it("names a single key as one", () => {
    expect(keystrokeNotes(summarize("keys", [12]))).toBe("1 keystroke");
  });
});
