import { afterAll, describe, expect, it } from "vitest";
import { upstream } from "./instance";

describe("the process-wide upstream client", () => {
  afterAll(async () => {
    await upstream().limiter.stop();
  });

  it("is built once and kept on globalThis, so a hot reload does not add a second limiter", async () => {
    const a = upstream();
    expect(upstream()).toBe(a);
    expect(a.limiter.stats()).toMatchObject({ mode: "local", rps: 4 });
    // A fresh copy of the module (what a hot reload makes) still finds the same client.
    const { vi } = await import("vitest");
    vi.resetModules();
    const again = await import("./instance");
    expect(again.upstream()).toBe(a);
  });
});
