import { describe, expect, it } from "vitest";
import { keystrokeNotes, settleNote } from "./report";
import { summarize } from "./stats";

describe("keystrokeNotes", () => {
  it("lists the keys in order and the p95 without the page's first key", () => {
    const t = summarize("keys", [52, 30, 31, 44, 29]);
    expect(t.p95Ms).toBe(52);
    expect(keystrokeNotes(t)).toBe("5 keystrokes in order: 52, 30, 31, 44, 29 ms; without the page's first key, p95 44 ms");
  });

  it("with several tabs, gives each tab's p95 and first key, then every key tab by tab", () => {
    const byTab = [
      [41, 30, 22, 25],
      [35, 52, 20, 21],
    ];
    const t = summarize("keys", byTab.flat());
    expect(t.n).toBe(8);
    expect(keystrokeNotes(t, byTab)).toBe(
      "8 keystrokes, 4 in each of 2 fresh tabs; each tab's p95: 41 ms, 52 ms; each tab's first key: 41, 35 ms; in order, tab by tab: 41, 30, 22, 25 | 35, 52, 20, 21 ms",
    );
  });

  it("with one tab, reads as before", () => {
    const t = summarize("keys", [52, 30, 31, 44, 29]);
    expect(keystrokeNotes(t, [[52, 30, 31, 44, 29]])).toBe(keystrokeNotes(t));
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
