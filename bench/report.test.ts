import { describe, expect, it } from "vitest";
import { keystrokeNotes, restartLoadsNote, settleNote } from "./report";
import { MeasurementError, summarize } from "./stats";
import { restartsOf } from "./store-measures";

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

describe("restarts", () => {
  const restart = (people: number, person: number, calls = 0) => ({
    people: { url: "/people", firstRowsMs: people, upstreamCalls: calls },
    person: { url: "/people/user_1", firstRowsMs: person, upstreamCalls: 0 },
  });

  it("judges the median of the restarts' first loads, keeps every sample in order, and the most calls any made", () => {
    const r = restartsOf([restart(933, 700), restart(1_112, 690, 2), restart(868, 905)]);
    expect(r.people).toEqual({ url: "/people", firstRowsMs: 933, samplesMs: [933, 1_112, 868], upstreamCalls: 2 });
    expect(r.person.firstRowsMs).toBe(700);
    expect(restartLoadsNote(r.people)).toBe("the first load after each of 3 restarts, median of 933, 1,112, 868 ms");
  });

  it("with one restart, reads as one load", () => {
    const r = restartsOf([restart(933, 700)]);
    expect(r.people).toEqual({ url: "/people", firstRowsMs: 933, upstreamCalls: 0 });
    expect(restartLoadsNote(r.people)).toBe("one load: the first after the restart");
  });

  it("refuses to make a result out of no restart, or out of a load that never painted", () => {
    expect(() => restartsOf([])).toThrow(MeasurementError);
    expect(() => restartsOf([restart(933, 700), restart(Number.NaN, 700)])).toThrow(MeasurementError);
  });
});
