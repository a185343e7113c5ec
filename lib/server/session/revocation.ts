import "server-only";
import type { Database } from "@/lib/server/store/database";
import { store } from "@/lib/server/store/instance";

/*
 * Logout must make the cookie worthless even if someone copied it, but a sealed cookie is valid
 * by itself until it expires. So logout records the session's sid until that expiry, and every
 * session check asks. The record is a row in the database (table session_revocations), so a
 * logout is honoured by every instance and survives restarts; a check that cannot reach the
 * database fails (503) rather than letting a logged-out cookie through. The in-memory store is
 * for unit tests.
 */

export interface RevocationStore {
  /** Remember `sid` as logged out until `expiresAt` (epoch ms), after which the cookie is dead anyway. */
  revoke(sid: string, expiresAt: number): Promise<void>;
  isRevoked(sid: string): Promise<boolean>;
}

export interface MemoryRevocationStoreOptions {
  now?: () => number;
  /** Memory bound. Past it the entries nearest to expiry go first. */
  maxEntries?: number;
}

export function createMemoryRevocationStore(opts: MemoryRevocationStoreOptions = {}): RevocationStore {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 100_000;
  const revoked = new Map<string, number>();

  const prune = () => {
    const t = now();
    for (const [sid, until] of revoked) if (until <= t) revoked.delete(sid);
    if (revoked.size < maxEntries) return;
    const bySoonest = [...revoked].sort((a, b) => a[1] - b[1]);
    for (const [sid] of bySoonest.slice(0, revoked.size - maxEntries + 1)) revoked.delete(sid);
  };

  return {
    async revoke(sid, expiresAt) {
      if (expiresAt <= now()) return;
      if (revoked.size >= maxEntries) prune();
      revoked.set(sid, expiresAt);
    },
    async isRevoked(sid) {
      const until = revoked.get(sid);
      if (until === undefined) return false;
      if (until <= now()) {
        revoked.delete(sid);
        return false;
      }
      return true;
    },
  };
}

export interface DbRevocationStoreOptions {
  now?: () => number;
}

/** Revocations in the database; each revoke also prunes rows whose cookies have expired anyway. */
export function createDbRevocationStore(database: () => Promise<Database>, opts: DbRevocationStoreOptions = {}): RevocationStore {
  const now = opts.now ?? Date.now;
  return {
    async revoke(sid, expiresAt) {
      const t = now();
      if (expiresAt <= t) return;
      const db = await database();
      await db.transaction(async (q) => {
        await q("delete from session_revocations where expires_at <= $1::timestamptz", [new Date(t).toISOString()]);
        await q(
          "insert into session_revocations (sid, expires_at) values ($1, $2::timestamptz) on conflict (sid) do update set expires_at = greatest(session_revocations.expires_at, excluded.expires_at)",
          [sid, new Date(expiresAt).toISOString()],
        );
      });
    },
    async isRevoked(sid) {
      const db = await database();
      const rows = await db.query("select 1 from session_revocations where sid = $1 and expires_at > $2::timestamptz", [sid, new Date(now()).toISOString()]);
      return rows.length > 0;
    },
  };
}

// One store per process, kept on globalThis so route bundles and hot reloads share it.
const KEY = Symbol.for("compliance-directory.session-revocations");
type Holder = { [KEY]?: RevocationStore };

export function revocationStore(): RevocationStore {
  const g = globalThis as Holder;
  g[KEY] ??= createDbRevocationStore(store);
  return g[KEY];
}

/** Replace the process's store (tests). */
export function installRevocationStore(store: RevocationStore): void {
  (globalThis as Holder)[KEY] = store;
}
