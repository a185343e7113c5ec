/*
 * What the upstream client (lib/server/upstream/client.ts) asks of a cache, and what it shares between
 * the callers of one flight. Both caches here implement it; the client knows nothing else of them.
 */

/** An answer before schema validation: what single-flight shares and a cache stores. */
export interface RawAnswer {
  body: unknown;
  requestId?: string;
  fetchedAt: number;
  /** Set when the flight's leader found it in the cache after all (not stored with the answer). */
  fromCache?: boolean;
}

/**
 * How an answer is stored. `refreshOnly`: it replaces an answer already kept and adds none (a sync's
 * answers: they go to the store, yet an officer's cached page must not stay older than the store).
 */
export interface SetOptions {
  refreshOnly?: boolean;
}

/** The cache seam (in-process or Redis). Failures of the cache never fail a request. */
export interface UpstreamCache {
  get(key: string, path: string): Promise<RawAnswer | undefined>;
  set(key: string, path: string, answer: RawAnswer, opts?: SetOptions): Promise<void>;
}
