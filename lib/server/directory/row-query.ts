import "server-only";
import { parseSearch, type SearchMatcher } from "@/lib/shared/data-table/search-query";
import { sortParamText } from "@/lib/shared/data-table/server-query-params";
import { CHECKPOINT_EVERY, runNow, sortSteps, type Steps } from "./time-slices";

/*
 * The parts of a table answered by the server over rows held in memory (People's 150,000 people,
 * the privileged report's 333,000 rows), built once per unchanging row set: each row's lower-cased
 * search keys joined into one string, per facet a dictionary of values with each row's value
 * numbers in one flat array, per sortable column its ranks. A query is then a few passes over
 * typed arrays. The semantics are the data-table kit's (filter-fns.ts): a "contains" search over
 * the searchable keys, or exactly a pasted list; a facet keeps rows holding any chosen value; a
 * facet's counts are over the rows matching the search and every other facet (TanStack's faceted
 * row model); a sort is TanStack's (ties in the rows' own order, whichever the direction).
 */

/** A row set's index: built once (in slices, by its owner), then read by every query. */
export interface RowIndex<K extends string, S extends string> {
  size: number;
  /** Rows passing a search (null: every row), ascending: keyHits or groupedKeyHits over the searchable columns' keys. */
  search: (matcher: SearchMatcher) => Int32Array | null;
  facetKeys: readonly K[];
  facets: Record<K, FacetColumn>;
  /** Each row's sort key for a column (case-insensitive text lower-cased; counts as numbers). */
  sortKeys: (id: S) => readonly (string | number)[];
  /** Each facet's counts over every row. */
  allCounts?: Record<K, Int32Array>;
  /** Per sortable column its ranks, and per sort asked for its order: built on first use. */
  ranks: Map<S, Ranked>;
  orders: Map<string, Int32Array>;
  /** The last few searches and filters matched (scrolling asks the same view for another window). */
  matches: Map<string, RowMatch<K>>;
}

/** The caches a new RowIndex starts with. */
export const emptyCaches = () => ({ ranks: new Map(), orders: new Map(), matches: new Map() });

/* ---------- search keys ---------- */

export interface JoinedKeys {
  size: number;
  /** Per searchable column, every row's lower-cased key. */
  keys: string[][];
  /**
   * Every row's keys in one string ("a\u0001b\u0001c\n" each), row i from `starts[i]`: a
   * "contains" is then one indexOf scan over every row, not a call per row and key.
   */
  text: string;
  starts: Int32Array;
  /** Lower-cased key -> the rows holding it exactly (a pasted list), built on first use. */
  exact?: Map<string, number[]>;
}

const KEY_SEPARATOR = "\u0001";
const ROW_SEPARATOR = "\n";

/** The joined search keys, with checkpoints: one join of 300,000 parts is a stall of its own. */
export function* joinedKeysSteps(keys: string[][]): Steps<JoinedKeys> {
  const size = keys[0]?.length ?? 0;
  const starts = new Int32Array(size + 1);
  const chunks: string[] = [];
  let parts: string[] = [];
  let at = 0;
  for (let i = 0; i < size; i++) {
    starts[i] = at;
    const part = keys.map((k) => k[i]!).join(KEY_SEPARATOR) + ROW_SEPARATOR;
    parts.push(part);
    at += part.length;
    if (parts.length === CHECKPOINT_EVERY) {
      chunks.push(parts.join(""));
      parts = [];
      yield;
    }
  }
  chunks.push(parts.join(""));
  starts[size] = at;
  return { size, keys, text: chunks.join(""), starts };
}

/** Rows holding `needle` (lower-cased) in any key, ascending. */
function containsHits(joined: JoinedKeys, needle: string): Int32Array {
  const out = new Int32Array(joined.size);
  let n = 0;
  if (needle.includes(KEY_SEPARATOR) || needle.includes(ROW_SEPARATOR)) {
    // A needle holding a separator could match across two keys in the joined text: compare key by key.
    for (let i = 0; i < joined.size; i++) if (joined.keys.some((k) => k[i]!.includes(needle))) out[n++] = i;
    return out.subarray(0, n);
  }
  const { text, starts } = joined;
  let row = 0;
  for (let at = text.indexOf(needle); at >= 0; ) {
    while (starts[row + 1]! <= at) row++;
    out[n++] = row;
    // The next match can only count in a later row.
    at = text.indexOf(needle, starts[row + 1]!);
  }
  return out.subarray(0, n);
}

export function exactKeys(joined: JoinedKeys): Map<string, number[]> {
  if (!joined.exact) {
    const exact = new Map<string, number[]>();
    for (const keys of joined.keys) {
      for (let i = 0; i < joined.size; i++) {
        const list = exact.get(keys[i]!);
        if (!list) exact.set(keys[i]!, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    joined.exact = exact;
  }
  return joined.exact;
}

/** Rows holding one of `values` (lower-cased) exactly as a key, ascending. */
function exactHits(joined: JoinedKeys, values: Iterable<string>): Int32Array {
  const exact = exactKeys(joined);
  const hit = new Uint8Array(joined.size);
  for (const v of values) for (const i of exact.get(v) ?? []) hit[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < joined.size; i++) if (hit[i]) out.push(i);
  return Int32Array.from(out);
}

/** Rows holding the search (parseSearch's: a "contains", or exactly one of a pasted list) in any key; null: no search. */
export function keyHits(joined: JoinedKeys, matcher: SearchMatcher): Int32Array | null {
  if (matcher.kind === "none") return null;
  if (matcher.kind === "list") return exactHits(joined, matcher.values);
  return containsHits(joined, matcher.needle);
}

/** Keys held alike by a group of rows (a person's name on each of their rows): `of` maps each row to its group. */
export interface KeyGroups {
  joined: JoinedKeys;
  of: Int32Array;
}

/** keyHits over keys held by groups of rows: each group's keys are compared once, not once per row. */
export function groupedKeyHits(size: number, groups: readonly KeyGroups[], matcher: SearchMatcher): Int32Array | null {
  if (matcher.kind === "none") return null;
  const hit = new Uint8Array(size);
  for (const { joined, of } of groups) {
    const mark = new Uint8Array(joined.size);
    for (const g of keyHits(joined, matcher)!) mark[g] = 1;
    for (let i = 0; i < size; i++) if (mark[of[i]!]) hit[i] = 1;
  }
  const out = new Int32Array(size);
  let n = 0;
  for (let i = 0; i < size; i++) if (hit[i]) out[n++] = i;
  return out.subarray(0, n);
}

/* ---------- facets ---------- */

/** One facet's values: a dictionary and, per row, a slice of `values` (CSR layout). */
export interface FacetColumn {
  dict: string[];
  lookup: Map<string, number>;
  start: Int32Array;
  values: Int32Array;
}

export function* facetColumnSteps(size: number, valuesOf: (i: number) => Iterable<string>): Steps<FacetColumn> {
  const dict: string[] = [];
  const lookup = new Map<string, number>();
  const start = new Int32Array(size + 1);
  const out: number[] = [];
  // The last row each value was seen on: a row holding one value twice holds it once.
  const lastSeen: number[] = [];
  for (let i = 0; i < size; i++) {
    start[i] = out.length;
    for (const v of valuesOf(i)) {
      let id = lookup.get(v);
      if (id === undefined) {
        id = dict.length;
        dict.push(v);
        lookup.set(v, id);
        lastSeen.push(-1);
      }
      if (lastSeen[id] !== i) {
        lastSeen[id] = i;
        out.push(id);
      }
    }
    if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
  }
  start[size] = out.length;
  return { dict, lookup, start, values: Int32Array.from(out) };
}

/** 1 for each row holding a chosen value. */
function facetPasses(column: FacetColumn, values: readonly string[], size: number): Uint8Array {
  const chosen = new Uint8Array(column.dict.length);
  for (const v of values) {
    const id = column.lookup.get(v);
    if (id !== undefined) chosen[id] = 1;
  }
  const { start, values: held } = column;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    for (let k = start[i]!, end = start[i + 1]!; k < end; k++) {
      if (chosen[held[k]!]) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

function countInto(column: FacetColumn, rows: Int32Array, n: number, counts: Int32Array): void {
  const { start, values } = column;
  for (let j = 0; j < n; j++) {
    const i = rows[j]!;
    for (let k = start[i]!, end = start[i + 1]!; k < end; k++) counts[values[k]!]!++;
  }
}

function complement(matches: Uint8Array, n: number): Int32Array {
  const out = new Int32Array(n);
  let w = 0;
  for (let i = 0; i < matches.length; i++) if (!matches[i]) out[w++] = i;
  return out;
}

/** Each facet's counts over every row, computed once. */
export function allCounts<K extends string, S extends string>(index: RowIndex<K, S>): Record<K, Int32Array> {
  if (!index.allCounts) {
    const everyone = Int32Array.from({ length: index.size }, (_, i) => i);
    const counts = {} as Record<K, Int32Array>;
    for (const k of index.facetKeys) {
      counts[k] = new Int32Array(index.facets[k].dict.length);
      countInto(index.facets[k], everyone, index.size, counts[k]);
    }
    index.allCounts = counts;
  }
  return index.allCounts;
}

export interface RowMatch<K extends string> {
  /** 1 where the row matches the search and every filter. */
  matches: Uint8Array;
  matched: number;
  /**
   * Per facet, per value: rows holding it among those matching the search and the other filters.
   * Counted on first read: a keystroke whose answer carries no facets (no facet panel open) skips
   * the counting, which is most of a broad search's work at 150,000 rows.
   */
  readonly counts: Record<K, Int32Array>;
}

/**
 * Who matches, and each facet's counts: a row failing the search (`hits`, null: every row passes)
 * counts nowhere; failing no facet, it matches and counts in every facet; failing exactly one
 * facet, it counts in that facet only (its counts ignore its own filter); failing two or more, nowhere.
 */
function matchRows<K extends string, S extends string>(rows: RowIndex<K, S>, hits: Int32Array | null, chosen: Record<K, readonly string[]>): RowMatch<K> {
  const { size } = rows;
  const active = rows.facetKeys.filter((k) => chosen[k].length > 0).map((k) => ({ key: k, passes: facetPasses(rows.facets[k], chosen[k], size) }));
  const matches = new Uint8Array(size);
  const matchedList = new Int32Array(size);
  let matched = 0;
  // Per active facet: the rows failing that facet only.
  const failedOnly = active.map(() => ({ list: new Int32Array(size), n: 0 }));
  const n = hits ? hits.length : size;
  for (let j = 0; j < n; j++) {
    const i = hits ? hits[j]! : j;
    let failed = 0;
    let which = -1;
    for (let f = 0; f < active.length; f++) {
      if (!active[f]!.passes[i]) {
        failed++;
        which = f;
        if (failed > 1) break;
      }
    }
    if (failed === 0) {
      matches[i] = 1;
      matchedList[matched++] = i;
    } else if (failed === 1) {
      const bucket = failedOnly[which]!;
      bucket.list[bucket.n++] = i;
    }
  }
  const countAll = (): Record<K, Int32Array> => {
    const counts = {} as Record<K, Int32Array>;
    // A search alone that keeps most rows: every row's counts less those of the few it drops.
    const fewerDropped = active.length === 0 && matched > size / 2;
    const dropped = fewerDropped ? complement(matches, size - matched) : null;
    for (const k of rows.facetKeys) {
      const column = rows.facets[k];
      let c: Int32Array;
      if (dropped) {
        const less = new Int32Array(column.dict.length);
        countInto(column, dropped, dropped.length, less);
        c = Int32Array.from(allCounts(rows)[k], (v, id) => v - less[id]!);
      } else {
        c = new Int32Array(column.dict.length);
        countInto(column, matchedList, matched, c);
        const f = active.findIndex((a) => a.key === k);
        if (f >= 0) countInto(column, failedOnly[f]!.list, failedOnly[f]!.n, c);
      }
      counts[k] = c;
    }
    return counts;
  };
  let counts: Record<K, Int32Array> | undefined;
  return {
    matches,
    matched,
    get counts() {
      return (counts ??= countAll());
    },
  };
}

const MATCHES_KEPT = 16;

/** Who matches a search (parseSearch's) and the chosen facet values, and each facet's counts; kept for the last few views. */
export function matchIndex<K extends string, S extends string>(index: RowIndex<K, S>, q: string, chosen: Record<K, readonly string[]>): RowMatch<K> {
  const key = JSON.stringify([q, ...index.facetKeys.map((k) => chosen[k])]);
  const kept = index.matches.get(key);
  if (kept) return kept;
  const match = matchRows(index, index.search(parseSearch(q)), chosen);
  index.matches.set(key, match);
  while (index.matches.size > MATCHES_KEPT) index.matches.delete(index.matches.keys().next().value!);
  return match;
}

/** A facet's counts as the answer sends them: [value, rows] for every value some matching row holds. */
export function facetPairs(column: FacetColumn, counts: Int32Array): [string, number][] {
  const pairs: [string, number][] = [];
  for (let v = 0; v < counts.length; v++) if (counts[v]! > 0) pairs.push([column.dict[v]!, counts[v]!]);
  return pairs;
}

/* ---------- sort ---------- */

export interface Ranked {
  /** Per row, the rank of its key (equal keys, equal rank). */
  rank: Int32Array;
  /** Every row ascending, ties in the rows' order. */
  ascending: Int32Array;
}

/** A column's ranks as steps, kept: an index's owner sorts its default column in slices, a query sorts any other at once. */
export function* rankSteps<K extends string, S extends string>(index: RowIndex<K, S>, id: S): Steps<Ranked> {
  const kept = index.ranks.get(id);
  if (kept) return kept;
  const keys = index.sortKeys(id);
  yield;
  // The distinct keys are sorted, not the rows: a column of 333,000 rows holds a few thousand
  // values (an organization, an access, a person's email), and all-distinct keys cost one sort as before.
  const ids = new Map<string | number, number>();
  const distinct: (string | number)[] = [];
  const of = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    let d = ids.get(keys[i]!);
    if (d === undefined) {
      d = distinct.length;
      ids.set(keys[i]!, d);
      distinct.push(keys[i]!);
    }
    of[i] = d;
    if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
  }
  const sorted = yield* sortSteps(distinct.length, (a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : a - b));
  const rankOf = new Int32Array(distinct.length);
  for (let r = 0; r < sorted.length; r++) rankOf[sorted[r]!] = r;
  const rank = Int32Array.from(of, (d) => rankOf[d]!);
  yield;
  // Equal keys keep the rows' order: a counting sort of the rows by rank is stable.
  const order = byRank(Int32Array.from({ length: keys.length }, (_, i) => i), rank, false);
  const r = { rank, ascending: order };
  index.ranks.set(id, r);
  return r;
}

function ranked<K extends string, S extends string>(index: RowIndex<K, S>, id: S): Ranked {
  return index.ranks.get(id) ?? runNow(rankSteps(index, id));
}

/** `order` stably re-sorted by `rank` (a counting sort: linear, ties keep their place in `order`), descending when asked. */
function byRank(order: Int32Array, rank: Int32Array, desc: boolean): Int32Array {
  let top = 0;
  for (let k = 0; k < rank.length; k++) if (rank[k]! > top) top = rank[k]!;
  const starts = new Int32Array(top + 2);
  for (let k = 0; k < order.length; k++) starts[(desc ? top - rank[order[k]!]! : rank[order[k]!]!) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[starts[desc ? top - rank[order[k]!]! : rank[order[k]!]!]!++] = order[k]!;
  return out;
}

/**
 * Every row in a sort's order: least significant column first, each a stable sort by its ranks, so
 * ties keep the rows' order whichever the direction (as TanStack sorts); no sort: the rows' order.
 */
function orderOf<K extends string, S extends string>(index: RowIndex<K, S>, sort: readonly { id: S; desc: boolean }[]): Int32Array {
  if (sort.length === 1 && !sort[0]!.desc) return ranked(index, sort[0]!.id).ascending;
  let order: Int32Array = Int32Array.from({ length: index.size }, (_, i) => i);
  for (let k = sort.length - 1; k >= 0; k--) order = byRank(order, ranked(index, sort[k]!.id).rank, sort[k]!.desc);
  return order;
}

/** Every row in the sort's order; ties keep the rows' order whichever the direction (as TanStack sorts). */
export function sortOrder<K extends string, S extends string>(index: RowIndex<K, S>, sort: readonly { id: S; desc: boolean }[]): Int32Array {
  const key = sortParamText(sort);
  let order = index.orders.get(key);
  if (!order) {
    order = orderOf(index, sort);
    // Orders are kept per sort asked for; an officer uses a handful, a flood of distinct ones is not kept.
    if (index.orders.size < 64) index.orders.set(key, order);
  }
  return order;
}

/** The matching rows' positions in the sort's order, from `offset`, at most `limit` (all when omitted). */
export function sortedMatches<K extends string, S extends string>(
  index: RowIndex<K, S>,
  match: RowMatch<K>,
  sort: readonly { id: S; desc: boolean }[],
  offset = 0,
  limit = Infinity,
): number[] {
  const order = sortOrder(index, sort);
  const { matches } = match;
  const out: number[] = [];
  let seen = 0;
  for (let k = 0; k < order.length && out.length < limit; k++) {
    const i = order[k]!;
    if (!matches[i]) continue;
    if (seen++ >= offset) out.push(i);
  }
  return out;
}
