import { describe, expect, it } from "vitest";
import { createMemoryRevocationStore } from "./revocation";

describe("logged-out sessions", () => {
  it("a revoked sid stays revoked until the cookie could no longer be valid anyway", async () => {
    let t = 1_000;
    const store = createMemoryRevocationStore({ now: () => t });
    await store.revoke("sid-a", 5_000);
    expect(await store.isRevoked("sid-a")).toBe(true);
    expect(await store.isRevoked("sid-b")).toBe(false);
    t = 5_000;
    expect(await store.isRevoked("sid-a")).toBe(false);
  });

  it("memory is bounded: expired entries go first, then those nearest expiry", async () => {
    let t = 0;
    const store = createMemoryRevocationStore({ now: () => t, maxEntries: 10 });
    for (let i = 0; i < 10; i++) await store.revoke(`old${i}`, 100);
    t = 200;
    for (let i = 0; i < 10; i++) await store.revoke(`new${i}`, 10_000 + i);
    expect(await store.isRevoked("new0")).toBe(true);
    await store.revoke("newest", 20_000);
    expect(await store.isRevoked("newest")).toBe(true);
    expect(await store.isRevoked("new0")).toBe(false);
    expect(await store.isRevoked("new9")).toBe(true);
  });
});
