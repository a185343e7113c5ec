import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installGracefulShutdown, REPEAT_WINDOW_MS, type SignalTarget } from "./graceful-shutdown";

/** A process stand-in: signals are events, exit is recorded. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const target: SignalTarget = {
    listeners: (s) => emitter.listeners(s),
    removeListener: (s, l) => emitter.removeListener(s, l),
    on: (s, l) => emitter.on(s, l),
    exit: (code) => void exits.push(code ?? 0),
  };
  return { emitter, target, exits, signal: (s: NodeJS.Signals) => emitter.emit(s, s) };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe("installGracefulShutdown", () => {
  it("calls the framework's own handler only once the work is finished, with the signal received", async () => {
    const p = fakeProcess();
    const framework = vi.fn();
    p.emitter.on("SIGTERM", framework);
    const work = deferred();
    const finish = vi.fn(() => work.promise);
    installGracefulShutdown({ finish, graceMs: 60_000, target: p.target, log: () => {} });

    p.signal("SIGTERM");
    await flush();
    expect(finish).toHaveBeenCalledTimes(1);
    expect(framework).not.toHaveBeenCalled();

    work.resolve();
    await flush();
    expect(framework).toHaveBeenCalledTimes(1);
    expect(framework).toHaveBeenCalledWith("SIGTERM");
    expect(p.exits).toEqual([]);
  });

  it("hands over when the grace has passed, even if the work never ends", async () => {
    vi.useFakeTimers();
    const p = fakeProcess();
    const framework = vi.fn();
    p.emitter.on("SIGTERM", framework);
    const lines: string[] = [];
    installGracefulShutdown({ finish: () => new Promise(() => {}), graceMs: 8_000, target: p.target, log: (l) => lines.push(l) });

    p.signal("SIGTERM");
    await vi.advanceTimersByTimeAsync(7_999);
    expect(framework).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(framework).toHaveBeenCalledWith("SIGTERM");
    expect(lines.join("\n")).toMatch(/did not finish within 8 s/);
  });

  it("hands over at once on a second signal (Ctrl-C twice), and only once in all", async () => {
    const p = fakeProcess();
    const onTerm = vi.fn();
    const onInt = vi.fn();
    p.emitter.on("SIGTERM", onTerm);
    p.emitter.on("SIGINT", onInt);
    const work = deferred();
    let clock = 0;
    installGracefulShutdown({ finish: () => work.promise, graceMs: 60_000, target: p.target, log: () => {}, now: () => clock });

    p.signal("SIGINT");
    await flush();
    expect(onInt).not.toHaveBeenCalled();
    // The same Ctrl-C passed on by the npm process above: the same stop, still waiting.
    clock += REPEAT_WINDOW_MS - 1;
    p.signal("SIGTERM");
    p.signal("SIGINT");
    expect(onInt).not.toHaveBeenCalled();
    expect(onTerm).not.toHaveBeenCalled();
    // A second Ctrl-C from the officer.
    clock += 1;
    p.signal("SIGINT");
    expect(onInt).toHaveBeenCalledTimes(1);

    work.resolve();
    p.signal("SIGTERM");
    await flush();
    expect(onInt).toHaveBeenCalledTimes(1);
    expect(onTerm).not.toHaveBeenCalled();
  });

  it("goes on stopping when the work fails, and says so", async () => {
    const p = fakeProcess();
    const framework = vi.fn();
    p.emitter.on("SIGTERM", framework);
    const lines: string[] = [];
    installGracefulShutdown({ finish: () => Promise.reject(new Error("disk full")), graceMs: 60_000, target: p.target, log: (l) => lines.push(l) });

    p.signal("SIGTERM");
    await flush();
    expect(framework).toHaveBeenCalledTimes(1);
    expect(lines.join("\n")).toMatch(/disk full/);
  });

  it("ends the process itself when no framework handler was listening", async () => {
    const p = fakeProcess();
    installGracefulShutdown({ finish: async () => {}, graceMs: 60_000, target: p.target, log: () => {} });
    expect(p.emitter.listenerCount("SIGTERM")).toBe(1);

    p.signal("SIGTERM");
    await flush();
    expect(p.exits).toEqual([0]);
  });
});
