/*
 * Seeded randomness for the synthetic directory. Every value is derived from the seed and a
 * "path" (what is being generated, and its index), never from a shared running stream: a record
 * can then be generated alone, lazily, and still come out the same whatever was generated before.
 */

/** 32-bit string hash (FNV-1a with a murmur3 finaliser, for good avalanche on short keys). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Integer avalanche (murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** mulberry32: small, fast, good enough for synthetic data (not for secrets). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Picks by weight; `weights` and `items` have the same length. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
  base62(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += BASE62[Math.floor(this.next() * 62)];
    return s;
  }
  hex(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += "0123456789abcdef"[Math.floor(this.next() * 16)];
    return s;
  }
  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
  /** `count` distinct integers from [0, n), in draw order (Floyd's algorithm; O(count)). */
  sample(n: number, count: number): number[] {
    const k = Math.min(count, n);
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = n - k; j < n; j++) {
      const t = Math.floor(this.next() * (j + 1));
      const v = chosen.has(t) ? j : t;
      chosen.add(v);
      out.push(v);
    }
    return out;
  }
}

/** A generator for one thing: the seed plus the path naming that thing. */
export function rngFor(seed: string, ...path: Array<string | number>): Rng {
  return new Rng(hash32(`${seed}\u0000${path.join("\u0000")}`));
}

/**
 * The same as rngFor(seed, ...path, index) in spirit, for hot loops over many indices: the path
 * is hashed once by the caller and each index is mixed in arithmetically.
 */
export function rngAt(base: number, index: number): Rng {
  return new Rng(mix32(base ^ Math.imul(index + 1, 0x9e3779b1)) ^ mix32(index));
}

/** A uuid v4-shaped id drawn from `rng` (version and variant nibbles set as v4 has them). */
export function uuidFrom(rng: Rng): string {
  const h = rng.hex(32).split("");
  h[12] = "4";
  h[16] = "89ab"[rng.int(0, 3)] as string;
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * A keyed pseudo-random permutation of [0, n): a balanced Feistel network on the smallest even
 * bit width covering n, with cycle walking. Lets person i get a distinct name combination
 * without storing a shuffled table of every combination.
 */
export class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];
  constructor(
    private readonly n: number,
    seed: string,
  ) {
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = [0, 1, 2, 3].map((r) => hash32(`${seed}\u0000feistel\u0000${r}`));
  }
  at(i: number): number {
    let x = i;
    do x = this.round(x);
    while (x >= this.n);
    return x;
  }
  private round(x: number): number {
    let l = x >>> this.half;
    let r = x & this.mask;
    for (const k of this.keys) {
      const f = mix32(k ^ Math.imul(r, 0x9e3779b1)) & this.mask;
      [l, r] = [r, l ^ f];
    }
    return (l << this.half) | r;
  }
}
