import { describe, expect, it } from "vitest";
import type { Group, GroupMember, Organization, Permission, Role, User } from "@/lib/compliance/schemas";
import { UpstreamError } from "@/lib/upstream/errors";
import { createDirectoryCache } from "./cache";
import type { DirectorySource, SourceOptions } from "./source";

/*
 * The snapshot's sharing and cancellation rules, over an in-memory source whose walks wait for the
 * test to release them. (The walk against real HTTP is in snapshot.test.ts.)
 */

const org: Organization = { uuid: "00000000-0000-4000-8000-000000000001", name: "Acme", created_at: "2024-01-01T00:00:00Z" };
const user: User = { id: "user_01A", full_name: "Ada", email: "ada@acme.test", created_at: "2024-01-02T00:00:00Z", organization_role: "user" };

function gatedSource() {
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  let fail: unknown;
  const aborted: boolean[] = [];
  let walks = 0;
  async function* pages<T>(rows: T[], o: SourceOptions): AsyncGenerator<T[]> {
    await Promise.race([
      gate,
      new Promise<void>((_, reject) =>
        o.signal?.addEventListener("abort", () => {
          aborted.push(true);
          reject(new UpstreamError({ kind: "cancelled", message: "cancelled" }));
        }),
      ),
    ]);
    if (fail) throw fail;
    yield rows;
  }
  const source: DirectorySource = {
    organizations: (o) => {
      walks++;
      return pages([org], o);
    },
    organizationUsers: (_id, o) => pages([user], o),
    roles: (_id, o) => pages<Role>([], o),
    groups: (o) => pages<Group>([], o),
    groupMembers: (_id, o) => pages<GroupMember>([], o),
    rolePermissions: (_o, _r, o) => pages<Permission>([], o),
  };
  return {
    source,
    release: () => release(),
    rearm: () => (gate = new Promise<void>((r) => (release = r))),
    failWith: (e: unknown) => (fail = e),
    walks: () => walks,
    aborted: () => aborted.length,
  };
}

describe("the directory cache", () => {
  it("shares one walk among callers that arrive while it runs", async () => {
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 300 });
    const loads = [cache.load(), cache.load(), cache.load()];
    s.release();
    const dirs = await Promise.all(loads);
    expect(s.walks()).toBe(1);
    expect(dirs[0]).toBe(dirs[1]);
    expect(dirs[0]!.counts.people).toBe(1);
  });

  it("answers from the snapshot within the TTL and walks again on a refresh", async () => {
    let t = 1_000_000;
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 60, now: () => t });
    s.release();
    const first = await cache.load();
    t += 30_000;
    expect(await cache.load()).toBe(first);
    expect(s.walks()).toBe(1);
    await cache.load({ fresh: true });
    expect(s.walks()).toBe(2);
    t += 61_000;
    await cache.load();
    expect(s.walks()).toBe(3);
  });

  it("a failed walk rejects with the upstream error and leaves the previous snapshot in place", async () => {
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 300 });
    s.release();
    const good = await cache.load();
    s.failWith(new UpstreamError({ kind: "server", status: 500, message: "boom", requestId: "req_1" }));
    await expect(cache.load({ fresh: true })).rejects.toMatchObject({ kind: "server", requestId: "req_1" });
    expect(cache.peek()).toBe(good);
    expect(await cache.load()).toBe(good);
  });

  it("one caller cancelling leaves the walk running for the others; the last one out stops it", async () => {
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 300 });
    const a = new AbortController();
    const b = new AbortController();
    const pa = cache.load({ signal: a.signal });
    const pb = cache.load({ signal: b.signal });
    a.abort();
    await expect(pa).rejects.toMatchObject({ kind: "cancelled" });
    expect(s.aborted()).toBe(0);
    b.abort();
    await expect(pb).rejects.toMatchObject({ kind: "cancelled" });
    expect(s.aborted()).toBeGreaterThan(0);
    expect(cache.peek()).toBeUndefined();
  });

  it("a newcomer after everyone left starts a new walk instead of sharing the stopped one", async () => {
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 300 });
    const a = new AbortController();
    const pa = cache.load({ signal: a.signal });
    a.abort();
    await expect(pa).rejects.toMatchObject({ kind: "cancelled" });
    s.rearm();
    const pb = cache.load();
    s.release();
    expect((await pb).counts.people).toBe(1);
    expect(s.walks()).toBe(2);
  });

  it("tells a caller who joins a running walk how far it has come", async () => {
    const s = gatedSource();
    const cache = createDirectoryCache({ source: s.source, ttlSeconds: 300 });
    const first = cache.load();
    const seen: string[] = [];
    const second = cache.load({ onProgress: (p) => seen.push(p.phase) });
    expect(seen[0]).toBe("listing");
    s.release();
    await Promise.all([first, second]);
    expect(seen.at(-1)).toBe("done");
  });
});
