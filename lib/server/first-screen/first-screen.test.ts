import { describe, expect, it } from "vitest";
import { firstScreen, searchParamsOf } from "./first-screen";

/* The first screen is best effort: the data when it is at hand in time, otherwise nothing (the page loads as before). */

const session = async () => ({ officer: "test" });
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("firstScreen", () => {
  it("answers the data when it comes within the wait", async () => {
    expect(await firstScreen(() => later(5, { rows: 3 }), { waitMs: 1000, session })).toEqual({ rows: 3 });
  });

  it("answers null when the data is late, and aborts the load's signal", async () => {
    let signal: AbortSignal | undefined;
    const got = await firstScreen((s) => ((signal = s), later(500, "late")), { waitMs: 20, session });
    expect(got).toBeNull();
    expect(signal?.aborted).toBe(true);
  });

  it("answers null when reading fails", async () => {
    expect(await firstScreen(() => Promise.reject(new Error("store unavailable")), { waitMs: 1000, session })).toBeNull();
  });

  it("checks the session before reading anything, and lets its refusal through", async () => {
    let read = false;
    const refused = firstScreen(async () => ((read = true), 1), { session: () => Promise.reject(new Error("NEXT_REDIRECT")) });
    await expect(refused).rejects.toThrow("NEXT_REDIRECT");
    expect(read).toBe(false);
  });
});

describe("searchParamsOf", () => {
  it("keeps every value of a repeated parameter and drops absent ones", () => {
    expect(searchParamsOf({ from: "a", org: ["x", "y"], none: undefined }).toString()).toBe("from=a&org=x&org=y");
  });
});
