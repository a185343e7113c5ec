import { describe, expect, it } from "vitest";
import { earlyPauseMs, LOW_REMAINING, parseBudgetHeaders, parseRetryAfter } from "./rate-headers";

describe("retry-after", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
  });
  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Fri, 01 May 2026 12:00:07 GMT", now)).toBe(7000);
  });
  it("ignores what it cannot read, and never goes negative", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("Fri, 01 May 2026 11:00:00 GMT", now)).toBe(0);
  });
});

describe("the shared budget headers slow us down before a 429", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  const headers = (remaining: string, reset?: string) =>
    new Headers({ "anthropic-ratelimit-requests-remaining": remaining, ...(reset ? { "anthropic-ratelimit-requests-reset": reset } : {}) });

  it("no pause while plenty is left", () => {
    expect(earlyPauseMs(parseBudgetHeaders(headers("500", "2026-05-01T12:00:30Z"), now), now)).toBe(0);
    expect(earlyPauseMs(parseBudgetHeaders(headers(String(LOW_REMAINING), "2026-05-01T12:00:30Z"), now), now)).toBe(0);
  });
  it("spreads the last few requests until the reset", () => {
    const pause = earlyPauseMs(parseBudgetHeaders(headers("3", "2026-05-01T12:00:20Z"), now), now);
    expect(pause).toBe(5000);
  });
  it("waits for the reset when nothing is left", () => {
    expect(earlyPauseMs(parseBudgetHeaders(headers("0", "2026-05-01T12:00:12Z"), now), now)).toBe(12_000);
    expect(earlyPauseMs(parseBudgetHeaders(headers("0", "12"), now), now)).toBe(12_000);
  });
  it("never pauses longer than a minute on the headers' word", () => {
    expect(earlyPauseMs(parseBudgetHeaders(headers("0", "2026-05-01T13:00:00Z"), now), now)).toBe(60_000);
  });
});
