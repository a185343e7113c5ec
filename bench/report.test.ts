import { describe, expect, it } from "vitest";
import { keystrokeNotes, settleNote } from "./report";
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

describe("settleNote", () => {
  it("says whether the loads waited for an idle server, and how long", () => {
    expect(settleNote({ waitedMs: 4_200, settled: true })).toBe("; begun once the server was idle (4.2 s of waiting)");
    expect(settleNote({ waitedMs: 60_000, settled: false })).toBe("; begun with the server still busy (60.0 s of waiting)");
  });

  it("says nothing where the loads did not wait", () => {
    expect(settleNote(undefined)).toBe("");
  });
});
