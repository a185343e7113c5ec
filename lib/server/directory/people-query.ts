import "server-only";
import { parseSearch, type SearchMatcher } from "@/lib/shared/data-table/search-query";
import { emailDomain } from "@/lib/shared/format/email";
import { accessIndexOf } from "./people-access";
import { perDirectory, perDirectorySliced } from "./per-directory";
import { CHECKPOINT_EVERY, mapSteps, runInSlices, runNow, sortSteps, type Steps } from "./time-slices";
import type { Directory } from "@/lib/shared/directory/types";
import { PEOPLE_FACET_KEYS, type PeopleFacet, type PeopleQuery, type PeopleQueryAnswer, type PeopleQueryRow, type PeopleSort } from "@/lib/shared/directory/people-query-wire";

/*
 * People's search, facet filters, facet counts and sort over one Directory, on the server. Built
 * once per Directory (a sync's directory never changes): each person's lower-cased search keys, and
 * per facet a dictionary of values with each person's value numbers in one flat array, so a query
 * is one pass over typed arrays. The semantics are the data-table kit's (filter-fns.ts): the search
 * is parseSearch's (contains, or exactly a pasted list) over name, email and user id; a facet keeps
 * people holding any chosen value; a facet's counts are over the people matching the search and
 * every other facet (TanStack's faceted row model). The People route and the People download both
 * decide "matching" here, so a download holds what the page shows.
 */

/** One facet's values: a dictionary and, per person, a slice of `values` (CSR layout). */
interface FacetColumn {
  dict: string[];
  lookup: Map<string, number>;
  start: Int32Array;
  values: Int32Array;
}

export interface PeopleQueryIndex {
  directory: Directory;
  size: number;
  /** Lower-cased full name, email and user id: what the search compares. */
  keys: [string[], string[], string[]];
  /**
   * Every person's keys in one string ("name\u0001email\u0001id\n" each), person i from
   * `starts[i]`: a "contains" is then one indexOf scan over the whole directory, not 450,000 calls.
   */
  text: string;
  starts: Int32Array;
  /** Lower-cased key -> the people holding it exactly (a pasted list), built on first use. */
  exact?: Map<string, number[]>;
  /** Each facet's counts over everyone. */
  allCounts?: Record<PeopleFacet, Int32Array>;
  facets: Record<PeopleFacet, FacetColumn>;
  /** Per sortable column its ranks, and per sort asked for its order: built on first use. */
  ranks: Map<PeopleSort, Ranked>;
  orders: Map<string, Int32Array>;
  /** The last few searches and filters matched (scrolling asks the same view for another window). */
  matches: Map<string, PeopleMatch>;
}

function* facetColumn(size: number, valuesOf: (i: number) => Iterable<string>): Steps<FacetColumn> {
  const dict: string[] = [];
  const lookup = new Map<string, number>();
  const start = new Int32Array(size + 1);
  const out: number[] = [];
  // The last person each value was seen on: a person in two organizations of one name holds that name once.
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

/* The index as steps (time-slices.ts): after a sync it is built in slices, so 150,000 people never hold the event loop for seconds. */
function* indexSteps(directory: Directory): Steps<PeopleQueryIndex> {
  const people = directory.people;
  const size = people.length;
  const access = accessIndexOf(directory);
  yield;
  const held = yield* mapSteps(size, (i) => access.access(people[i]!));
  const { roles, actions } = access.catalog;
  const keys: PeopleQueryIndex["keys"] = [
    yield* mapSteps(size, (i) => people[i]!.fullName.toLowerCase()),
    yield* mapSteps(size, (i) => people[i]!.email.toLowerCase()),
    yield* mapSteps(size, (i) => people[i]!.id.toLowerCase()),
  ];
  const starts = new Int32Array(size + 1);
  // Joined a checkpoint's worth at a time, then once more: one join of 150,000 parts is a stall of its own.
  const chunks: string[] = [];
  let parts: string[] = [];
  let at = 0;
  for (let i = 0; i < size; i++) {
    starts[i] = at;
    const part = `${keys[0][i]}${KEY_SEPARATOR}${keys[1][i]}${KEY_SEPARATOR}${keys[2][i]}${ROW_SEPARATOR}`;
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
  return {
    directory,
    size,
    keys,
    text: chunks.join(""),
    starts,
    facets: {
      org: yield* facetColumn(size, (i) => people[i]!.memberships.map((m) => m.organization.name)),
      role: yield* facetColumn(size, (i) => people[i]!.memberships.map((m) => m.organizationRole)),
      rbac: yield* facetColumn(size, (i) => held[i]!.roles.map((ri) => roles[ri]!.id)),
      group: yield* facetColumn(size, (i) => people[i]!.groups.map((g) => g.group.id)),
      action: yield* facetColumn(size, (i) => held[i]!.actions.map((ai) => actions[ai]!)),
      domain: yield* facetColumn(size, (i) => [emailDomain(people[i]!.email)]),
    },
    ranks: new Map(),
    orders: new Map(),
    matches: new Map(),
  };
}

const KEY_SEPARATOR = "\u0001";
const ROW_SEPARATOR = "\n";

/**
 * The directory's People index, kept as long as the directory is. `peopleQueryIndexOf.ready` builds
 * it in slices (routes await preparePeopleQuery first); called directly it finishes the same build at once.
 */
export const peopleQueryIndexOf = perDirectorySliced(indexSteps);

/* ---------- sort ---------- */

/** Each person's sort key for a column, as the People table compares them (case-insensitive text; counts as numbers). */
function sortKeys(index: PeopleQueryIndex, id: PeopleSort): (string | number)[] {
  const people = index.directory.people;
  switch (id) {
    case "name":
      return index.keys[0];
    case "email":
      return index.keys[1];
    case "id":
      return index.keys[2];
    case "domain":
      return people.map((p) => emailDomain(p.email));
    case "organizations":
      return people.map((p) => p.memberships.map((m) => m.organization.name).join(", ").toLowerCase());
    case "organizationRoles":
      return people.map((p) => [...new Set(p.memberships.map((m) => m.organizationRole))].join(", ").toLowerCase());
    case "groupCount":
      return people.map((p) => p.groups.length);
  }
}

interface Ranked {
  /** Per person, the rank of their key (equal keys, equal rank). */
  rank: Int32Array;
  /** Everyone ascending, ties in the directory's order. */
  ascending: Int32Array;
}

/** A column's ranks as steps: preparePeopleQuery sorts the default column in slices, a query sorts any other at once. */
function* rankSteps(index: PeopleQueryIndex, id: PeopleSort): Steps<Ranked> {
  const kept = index.ranks.get(id);
  if (kept) return kept;
  const keys = sortKeys(index, id);
  yield;
  const order = yield* sortSteps(index.size, (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const rank = new Int32Array(index.size);
  let at = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && keys[order[k]!] !== keys[order[k - 1]!]) at++;
    rank[order[k]!] = at;
  }
  const r = { rank, ascending: order };
  index.ranks.set(id, r);
  return r;
}

function ranked(index: PeopleQueryIndex, id: PeopleSort): Ranked {
  return index.ranks.get(id) ?? runNow(rankSteps(index, id));
}

/** The ascending order read backwards by runs of equal keys: descending, ties still in the directory's order (as TanStack sorts). */
function descending({ rank, ascending }: Ranked): Int32Array {
  const out = new Int32Array(ascending.length);
  let w = 0;
  for (let end = ascending.length; end > 0; ) {
    let begin = end - 1;
    while (begin > 0 && rank[ascending[begin - 1]!] === rank[ascending[end - 1]!]) begin--;
    for (let k = begin; k < end; k++) out[w++] = ascending[k]!;
    end = begin;
  }
  return out;
}

/** Every person in the sort's order; ties keep the directory's order whichever the direction (as TanStack sorts). */
function sortOrder(index: PeopleQueryIndex, sort: PeopleQuery["sort"]): Int32Array {
  const key = sort.map((s) => `${s.desc ? "-" : ""}${s.id}`).join(",");
  let order = index.orders.get(key);
  if (!order) {
    if (sort.length === 0) order = Int32Array.from({ length: index.size }, (_, i) => i);
    else if (sort.length === 1) order = sort[0]!.desc ? descending(ranked(index, sort[0]!.id)) : ranked(index, sort[0]!.id).ascending;
    else {
      const rs = sort.map((s) => ({ r: ranked(index, s.id).rank, sign: s.desc ? -1 : 1 }));
      const all = Array.from({ length: index.size }, (_, i) => i).sort((a, b) => {
        for (const { r, sign } of rs) {
          const d = r[a]! - r[b]!;
          if (d !== 0) return d * sign;
        }
        return a - b;
      });
      order = Int32Array.from(all);
    }
    // Orders are kept per sort asked for; an officer uses a handful, a flood of distinct ones is not kept.
    if (index.orders.size < 64) index.orders.set(key, order);
  }
  return order;
}

/* ---------- filter ---------- */

function exactKeys(index: PeopleQueryIndex): Map<string, number[]> {
  if (!index.exact) {
    const exact = new Map<string, number[]>();
    for (const keys of index.keys) {
      for (let i = 0; i < index.size; i++) {
        const list = exact.get(keys[i]!);
        if (!list) exact.set(keys[i]!, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    index.exact = exact;
  }
  return index.exact;
}

/** People passing the search (null: everyone), as ascending positions. */
function searchHits(index: PeopleQueryIndex, matcher: SearchMatcher): Int32Array | null {
  if (matcher.kind === "none") return null;
  if (matcher.kind === "list") {
    const exact = exactKeys(index);
    const hit = new Uint8Array(index.size);
    for (const v of matcher.values) for (const i of exact.get(v) ?? []) hit[i] = 1;
    const out: number[] = [];
    for (let i = 0; i < index.size; i++) if (hit[i]) out.push(i);
    return Int32Array.from(out);
  }
  const needle = matcher.needle;
  const out = new Int32Array(index.size);
  let n = 0;
  if (needle.includes(KEY_SEPARATOR) || needle.includes(ROW_SEPARATOR)) {
    // A needle holding a separator could match across two keys in the joined text: compare key by key.
    const [names, emails, ids] = index.keys;
    for (let i = 0; i < index.size; i++) if (names[i]!.includes(needle) || emails[i]!.includes(needle) || ids[i]!.includes(needle)) out[n++] = i;
    return out.subarray(0, n);
  }
  const { text, starts } = index;
  let row = 0;
  for (let at = text.indexOf(needle); at >= 0; ) {
    while (starts[row + 1]! <= at) row++;
    out[n++] = row;
    // The next match can only count in a later person.
    at = text.indexOf(needle, starts[row + 1]!);
  }
  return out.subarray(0, n);
}

/** Per facet with a filter: 1 for each person holding a chosen value. */
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

function countInto(column: FacetColumn, people: Int32Array, n: number, counts: Int32Array): void {
  const { start, values } = column;
  for (let j = 0; j < n; j++) {
    const i = people[j]!;
    for (let k = start[i]!, end = start[i + 1]!; k < end; k++) counts[values[k]!]!++;
  }
}

function complement(matches: Uint8Array, n: number): Int32Array {
  const out = new Int32Array(n);
  let w = 0;
  for (let i = 0; i < matches.length; i++) if (!matches[i]) out[w++] = i;
  return out;
}

function allCounts(index: PeopleQueryIndex): Record<PeopleFacet, Int32Array> {
  if (!index.allCounts) {
    const everyone = Int32Array.from({ length: index.size }, (_, i) => i);
    const counts = {} as Record<PeopleFacet, Int32Array>;
    for (const k of PEOPLE_FACET_KEYS) {
      counts[k] = new Int32Array(index.facets[k].dict.length);
      countInto(index.facets[k], everyone, index.size, counts[k]);
    }
    index.allCounts = counts;
  }
  return index.allCounts;
}

export interface PeopleMatch {
  /** 1 where the person matches the search and every filter. */
  matches: Uint8Array;
  matched: number;
  /** Per facet, per value: people holding it among those matching the search and the other filters. */
  counts: Record<PeopleFacet, Int32Array>;
}

const matchKey = (query: Pick<PeopleQuery, "q" | PeopleFacet>) => JSON.stringify([query.q, ...PEOPLE_FACET_KEYS.map((k) => query[k])]);
const MATCHES_KEPT = 16;

/**
 * Who matches, and each facet's counts: a person failing the search counts nowhere; failing no
 * facet, they match and count in every facet; failing exactly one facet, they count in that facet
 * only (its counts ignore its own filter); failing two or more, nowhere.
 */
export function matchPeople(index: PeopleQueryIndex, query: Pick<PeopleQuery, "q" | PeopleFacet>): PeopleMatch {
  const key = matchKey(query);
  const kept = index.matches.get(key);
  if (kept) return kept;

  const size = index.size;
  const hits = searchHits(index, parseSearch(query.q));
  const active = PEOPLE_FACET_KEYS.filter((k) => query[k].length > 0).map((k) => ({ key: k, passes: facetPasses(index.facets[k], query[k], size) }));
  const matches = new Uint8Array(size);
  const matchedList = new Int32Array(size);
  let matched = 0;
  // Per active facet: the people failing that facet only.
  const failedOnly = active.map(() => ({ list: new Int32Array(size), n: 0 }));
  const candidates = hits ?? null;
  const n = candidates ? candidates.length : size;
  for (let j = 0; j < n; j++) {
    const i = candidates ? candidates[j]! : j;
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
  const counts = {} as Record<PeopleFacet, Int32Array>;
  // A search alone that keeps most people: everyone's counts less those of the few it drops.
  const fewerDropped = active.length === 0 && matched > size / 2;
  const dropped = fewerDropped ? complement(matches, size - matched) : null;
  for (const k of PEOPLE_FACET_KEYS) {
    const column = index.facets[k];
    let c: Int32Array;
    if (dropped) {
      const less = new Int32Array(column.dict.length);
      countInto(column, dropped, dropped.length, less);
      c = Int32Array.from(allCounts(index)[k], (v, id) => v - less[id]!);
    } else {
      c = new Int32Array(column.dict.length);
      countInto(column, matchedList, matched, c);
      const f = active.findIndex((a) => a.key === k);
      if (f >= 0) countInto(column, failedOnly[f]!.list, failedOnly[f]!.n, c);
    }
    counts[k] = c;
  }
  const match = { matches, matched, counts };
  index.matches.set(key, match);
  while (index.matches.size > MATCHES_KEPT) index.matches.delete(index.matches.keys().next().value!);
  return match;
}

/** The matching people's positions in the sort's order, from `offset`, at most `limit` (all when omitted). */
export function sortedMatches(index: PeopleQueryIndex, match: PeopleMatch, sort: PeopleQuery["sort"], offset = 0, limit = Infinity): number[] {
  const order = sortOrder(index, sort);
  const out: number[] = [];
  let seen = 0;
  for (let k = 0; k < order.length && out.length < limit; k++) {
    const i = order[k]!;
    if (!match.matches[i]) continue;
    if (seen++ >= offset) out.push(i);
  }
  return out;
}

/** The ids of everyone matching a People view, in its order: what "all matching" means for selection and downloads. */
export function matchingPeopleIds(directory: Directory, query: PeopleQuery): string[] {
  const index = peopleQueryIndexOf(directory);
  const match = matchPeople(index, query);
  return sortedMatches(index, match, query.sort).map((i) => directory.people[i]!.id);
}

/**
 * What People's first answer needs (the index, the default sort, the counts), built in slices that
 * leave the event loop free, once per directory: started right after a directory is loaded, and
 * awaited by every People request before it reads the index, so concurrent requests share one build.
 * Never rejects: a build that failed is retried (and its error answered) by the request's own use.
 */
export const preparePeopleQuery: (directory: Directory) => Promise<void> = perDirectory(async (directory) => {
  try {
    const index = await peopleQueryIndexOf.ready(directory);
    await runInSlices(rankSteps(index, "name"));
    sortOrder(index, [{ id: "name", desc: false }]);
    allCounts(index);
  } catch (err) {
    console.error("could not prepare People's index:", err instanceof Error ? err.message : String(err));
  }
});

/* ---------- the answer ---------- */

/**
 * A person as a row. A grant names only the actions the view filters on (the access cell shows the
 * paths giving those): every action of every role would be most of the answer's bytes.
 */
function rowOf(directory: Directory, i: number, actionFilter: ReadonlySet<string>): PeopleQueryRow {
  const p = directory.people[i]!;
  const access = accessIndexOf(directory);
  const { roles, actions } = access.catalog;
  const held = access.access(p);
  const orgName = (uuid: string) => directory.organizationsByUuid.get(uuid)?.name ?? uuid;
  return {
    id: p.id,
    email: p.email,
    full_name: p.fullName,
    memberships: p.memberships.map((m) => ({ organization_uuid: m.organization.uuid, organization: m.organization.name, role: m.organizationRole })),
    groups: p.groups.map((g) => ({ id: g.group.id, name: g.group.name })),
    roles: held.roles.map((ri) => roles[ri]!.id),
    actions: held.actions.map((ai) => actions[ai]!),
    grants: held.grants.map(([gi, ri]) => {
      const role = roles[ri]!;
      const group = directory.groups[gi]!.group;
      return {
        group_id: group.id,
        group: group.name,
        role_id: role.id,
        role: role.name,
        organization_uuid: role.organization_uuid,
        organization: orgName(role.organization_uuid),
        actions: actionFilter.size ? role.actions.map((ai) => actions[ai]!).filter((a) => actionFilter.has(a)) : [],
      };
    }),
  };
}

/** Pasted ids/emails found among the matching people (as the kit's counts line reports them). */
function listReport(index: PeopleQueryIndex, match: PeopleMatch, matcher: Extract<SearchMatcher, { kind: "list" }>): NonNullable<PeopleQueryAnswer["list"]> {
  const exact = exactKeys(index);
  // An entry is found when someone matching the whole view holds it as a name, email or id.
  const missing = matcher.entries.filter((e) => !(exact.get(e.toLowerCase()) ?? []).some((i) => match.matches[i]));
  return { total: matcher.entries.length, found: matcher.entries.length - missing.length, missing };
}

function facetOptions(index: PeopleQueryIndex): NonNullable<PeopleQueryAnswer["options"]> {
  const { directory } = index;
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const orgName = (uuid: string) => directory.organizationsByUuid.get(uuid)?.name ?? uuid;
  const { roles, actions } = accessIndexOf(directory).catalog;
  const roleById = new Map(roles.map((r) => [r.id, r]));
  // Only values someone holds (1,700 roles at zero would bury the rest), by label.
  const rbac = index.facets.rbac.dict.map((value) => {
    const r = roleById.get(value);
    return { value, label: r ? `${r.name} (${orgName(r.organization_uuid)})` : value };
  });
  const group = index.facets.group.dict.map((value) => ({ value, label: directory.groupsById.get(value)?.group.name ?? value }));
  return { rbac: rbac.sort(byLabel), group: group.sort(byLabel), action: actions.map((value) => ({ value })) };
}

export function answerPeopleQuery(directory: Directory, query: PeopleQuery): PeopleQueryAnswer {
  const index = peopleQueryIndexOf(directory);
  const match = matchPeople(index, query);
  const window = sortedMatches(index, match, query.sort, query.offset, query.limit);
  const matcher = parseSearch(query.q);
  const facets = query.facets
    ? Object.fromEntries(
        PEOPLE_FACET_KEYS.map((key) => {
          const c = match.counts[key];
          const dict = index.facets[key].dict;
          const pairs: [string, number][] = [];
          for (let v = 0; v < c.length; v++) if (c[v]! > 0) pairs.push([dict[v]!, c[v]!]);
          return [key, pairs];
        }),
      )
    : undefined;
  return {
    ...(directory.sync ? { sync: directory.sync.id } : {}),
    builtAt: directory.builtAt,
    counts: directory.counts,
    total: index.size,
    matched: match.matched,
    offset: query.offset,
    rows: window.map((i) => rowOf(directory, i, new Set(query.action))),
    ...(facets ? { facets } : {}),
    ...(query.ids ? { ids: sortedMatches(index, match, query.sort).map((i) => directory.people[i]!.id) } : {}),
    ...(matcher.kind === "list" ? { list: listReport(index, match, matcher) } : {}),
    ...(query.options ? { options: facetOptions(index) } : {}),
  };
}
