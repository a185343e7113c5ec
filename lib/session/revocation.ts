import "server-only";

/*
 * Logout must make the cookie worthless even if someone copied it, but a sealed cookie is valid
 * by itself until it expires. So logout records the session's sid here until that expiry, and
 * every session check asks. The in-process store suits one instance; with several instances, a
 * shared store (e.g. Redis: SET revoked:<sid> 1 PXAT <expiresAt>; EXISTS) implements the same
 * interface and is installed with `installRevocationStore`.
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

// One store per process, kept on globalThis so route bundles and hot reloads share it.
const KEY = Symbol.for("compliance-directory.session-revocations");
type Holder = { [KEY]?: RevocationStore };

export function revocationStore(): RevocationStore {
  const g = globalThis as Holder;
  g[KEY] ??= createMemoryRevocationStore();
  return g[KEY];
}

/** Replace the process's store, e.g. with a Redis-backed one when REDIS_URL is set. */
export function installRevocationStore(store: RevocationStore): void {
  (globalThis as Holder)[KEY] = store;
}
