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

describe("logged-out sessions in the database", () => {
  it("a revocation is seen by another store on the same database, survives a reopen, and expired rows are pruned", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { openDatabase } = await import("@/lib/server/store/database");
    const { createDbRevocationStore } = await import("./revocation");
    const dir = mkdtempSync(path.join(tmpdir(), "revocations-"));
    let database = await openDatabase({ dataDir: dir });
    try {
      let t = 1_000;
      const one = createDbRevocationStore(async () => database, { now: () => t });
      const other = createDbRevocationStore(async () => database, { now: () => t });
      await one.revoke("sid-a", 5_000);
      await one.revoke("sid-old", 2_000);
      expect(await other.isRevoked("sid-a")).toBe(true);
      expect(await other.isRevoked("sid-b")).toBe(false);
      await database.close();
      database = await openDatabase({ dataDir: dir });
      expect(await other.isRevoked("sid-a")).toBe(true);
      t = 3_000;
      expect(await one.isRevoked("sid-old")).toBe(false);
      await one.revoke("sid-c", 9_000);
      expect((await database.query<{ sid: string }>("select sid from session_revocations order by sid")).map((r) => r.sid)).toEqual(["sid-a", "sid-c"]);
      t = 5_000;
      expect(await other.isRevoked("sid-a")).toBe(false);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
