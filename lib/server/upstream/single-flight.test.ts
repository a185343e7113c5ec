import { describe, expect, it } from "vitest";
import { createSingleFlight } from "./single-flight";

describe("single-flight", () => {
  it("concurrent identical calls share one run", async () => {
    const sf = createSingleFlight();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fn = async () => {
      runs++;
      await gate;
      return 42;
    };
    const all = Promise.all(Array.from({ length: 20 }, () => sf.run("k", fn)));
    release();
    expect(await all).toEqual(Array(20).fill(42));
    expect(runs).toBe(1);
    expect(sf.size()).toBe(0);
  });

  it("a caller that leaves does not cancel the others; the last one leaving cancels the call", async () => {
    const sf = createSingleFlight();
    let sawAbort = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fn = async (signal: AbortSignal) => {
      signal.addEventListener("abort", () => (sawAbort = true));
      await gate;
      return "ok";
    };
    const a = new AbortController();
    const b = new AbortController();
    const pa = sf.run("k", fn, a.signal);
    const pb = sf.run("k", fn, b.signal);
    a.abort(new Error("left"));
    await expect(pa).rejects.toThrow("left");
    expect(sawAbort).toBe(false);
    release();
    expect(await pb).toBe("ok");

    const c = new AbortController();
    const never = new Promise<string>(() => {});
    const pc = sf.run("k2", async (signal) => {
      signal.addEventListener("abort", () => (sawAbort = true));
      return never;
    }, c.signal);
    c.abort(new Error("gone"));
    await expect(pc).rejects.toThrow("gone");
    expect(sawAbort).toBe(true);
    expect(sf.size()).toBe(0);
  });
});
