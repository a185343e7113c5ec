import "server-only";
import { decodeAnswer, encodeAnswer } from "./answer-codec";
import type { TtlPolicy } from "./ttl-policy";
import type { RawAnswer, SetOptions, UpstreamCache } from "./upstream-cache";

/*
 * The in-process upstream cache: fresh answers by request key, bounded by entry count and by
 * bytes, least recently used first out. Values are kept as UTF-8 buffers (outside the JS heap,
 * counted exactly); a whole 200,000-membership directory is some tens of megabytes of JSON.
 */

export interface MemoryCacheOptions {
  /** Milliseconds an answer for a path stays fresh; 0 means do not keep it. */
  ttl: TtlPolicy;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

export interface CacheStats {
  mode: "memory" | "redis" | "redis-degraded";
  entries?: number;
  bytes?: number;
  hits: number;
  misses: number;
}

export const DEFAULT_MAX_ENTRIES = 5_000;
export const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;
/** Expired entries are swept every this many writes (reads drop them as they meet them). */
const SWEEP_EVERY = 200;

interface Entry {
  value: Buffer;
  expiresAt: number;
}

export class MemoryCache implements UpstreamCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private writes = 0;
  private readonly ttl: TtlPolicy;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(opts: MemoryCacheOptions) {
    this.ttl = opts.ttl;
    this.maxEntries = Math.max(1, opts.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.maxBytes = Math.max(1, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    this.now = opts.now ?? Date.now;
  }

  /** `path` is part of the UpstreamCache seam; freshness was fixed when the answer was stored. */
  async get(key: string, _path?: string): Promise<RawAnswer | undefined> {
    return this.read(key);
  }

  async set(key: string, path: string, answer: RawAnswer, opts?: SetOptions): Promise<void> {
    this.write(key, path, answer, opts);
  }

  /** Synchronous read, for callers that hold the cache directly. */
  read(key: string): RawAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      this.misses++;
      return undefined;
    }
    // Most recently used goes last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const answer = decodeAnswer(entry.value.toString("utf8"));
    if (answer) this.hits++;
    else this.misses++;
    return answer;
  }

  write(key: string, path: string, answer: RawAnswer, opts: SetOptions = {}): void {
    const ttlMs = this.ttl(path);
    const old = this.entries.get(key);
    if (opts.refreshOnly && !old) return;
    if (old) this.remove(key, old);
    if (!(ttlMs > 0)) return;
    const value = Buffer.from(encodeAnswer(answer), "utf8");
    // One answer bigger than a quarter of the budget would flush everything else: not worth it.
    if (value.length > this.maxBytes / 4) return;
    // Freshness counts from when the upstream answered, not from when we stored it.
    const expiresAt = Math.min(answer.fetchedAt, this.now()) + ttlMs;
    if (expiresAt <= this.now()) return;
    this.entries.set(key, { value, expiresAt });
    this.bytes += value.length;
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): CacheStats {
    return { mode: "memory", entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.value.length;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key, entry);
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.remove(key, entry);
    }
  }
}

export function createMemoryCache(opts: MemoryCacheOptions): MemoryCache {
  return new MemoryCache(opts);
}
