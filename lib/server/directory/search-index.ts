import "server-only";
import { perDirectorySliced, type PerDirectorySliced } from "./per-directory";
import { CHECKPOINT_EVERY, type Steps } from "./time-slices";
import type { Directory } from "@/lib/shared/directory/types";
import { SEARCH_KINDS, SEARCH_LIMIT, type SearchKind, type SearchResult } from "@/lib/shared/directory/search-wire";

/*
 * The header search over one Directory: every person, organization, group and role with its
 * lower-cased keys, built once per Directory (a sync's directory never changes) and scanned per
 * query. A scan of 150,000 people's three keys is a few milliseconds; anything cleverer (a trie, a
 * sorted key list) would have to keep "contains" too, which is what a name search needs.
 */

type Match = SearchResult["match"];
const RANK: Record<Match, number> = { exact: 0, name: 1, prefix: 2, word: 3, contains: 4 };
const MATCHES = Object.keys(RANK) as Match[];

interface Entry {
  kind: SearchKind;
  id: string;
  label: string;
  detail: string;
  organization_uuid?: string;
  /** Lower-cased keys matched exactly for "exact": the id, the email. */
  exact: string[];
  /** Lower-cased names, and the id/email again for prefix and contains. */
  names: string[];
  keys: string[];
}

export interface SearchIndex {
  search(query: string): { results: SearchResult[]; total: number };
}


const lower = (s: string) => s.trim().toLowerCase();

function* entriesOf(directory: Directory): Steps<Entry[]> {
  const entries: Entry[] = [];
  for (const [i, p] of directory.people.entries()) {
    if (i % CHECKPOINT_EVERY === 0) yield;
    const email = lower(p.email);
    const name = lower(p.fullName);
    entries.push({ kind: "person", id: p.id, label: p.fullName || p.email, detail: p.email, exact: [p.id.toLowerCase(), email], names: name ? [name] : [], keys: [p.id.toLowerCase(), email, ...(name ? [name] : [])] });
  }
  for (const o of directory.organizations) {
    const name = lower(o.name);
    entries.push({ kind: "organization", id: o.uuid, label: o.name, detail: o.uuid, exact: [o.uuid.toLowerCase()], names: [name], keys: [o.uuid.toLowerCase(), name] });
  }
  for (const { group, members } of directory.groups) {
    const name = lower(group.name);
    entries.push({ kind: "group", id: group.id, label: group.name, detail: `${group.source_type} group, ${members.length} member${members.length === 1 ? "" : "s"}`, exact: [group.id.toLowerCase()], names: [name], keys: [group.id.toLowerCase(), name] });
  }
  for (const { role, organization } of directory.rolesById.values()) {
    const name = lower(role.name);
    entries.push({ kind: "role", id: role.id, label: role.name, detail: `role in ${organization.name}`, organization_uuid: organization.uuid, exact: [role.id.toLowerCase()], names: [name], keys: [role.id.toLowerCase(), name] });
  }
  return entries;
}

function matchOf(e: Entry, q: string): Match | null {
  if (e.exact.includes(q)) return "exact";
  if (e.names.includes(q)) return "name";
  let best: Match | null = null;
  for (const k of e.keys) {
    if (k.startsWith(q)) return "prefix";
    const at = k.indexOf(q);
    if (at < 0) continue;
    // The start of a word: "smith" in "ada smith", "emea" in "sales-emea".
    const before = k.charCodeAt(at - 1);
    const atWord = !((before >= 97 && before <= 122) || (before >= 48 && before <= 57));
    if (atWord) best = "word";
    else best ??= "contains";
  }
  return best;
}

function* searchIndexSteps(directory: Directory): Steps<SearchIndex> {
  const entries = yield* entriesOf(directory);
  return {
    search(query) {
      const q = lower(query);
      if (!q) return { results: [], total: 0 };
      // Per match kind, the first SEARCH_LIMIT entries in directory order: enough to fill any answer.
      const buckets = new Map<Match, Entry[]>(MATCHES.map((m) => [m, []]));
      const matchOfEntry = new Map<Entry, Match>();
      let total = 0;
      for (const e of entries) {
        const m = matchOf(e, q);
        if (!m) continue;
        total++;
        const bucket = buckets.get(m)!;
        if (bucket.length < SEARCH_LIMIT) {
          bucket.push(e);
          matchOfEntry.set(e, m);
        }
      }
      const best = MATCHES.flatMap((m) => buckets.get(m)!).slice(0, SEARCH_LIMIT);
      // Grouped by kind, the kind holding the best match first; within a kind, best match first.
      const kindOrder = [...new Set(best.map((e) => e.kind))];
      for (const k of SEARCH_KINDS) if (!kindOrder.includes(k)) kindOrder.push(k);
      const grouped = kindOrder.flatMap((k) => best.filter((e) => e.kind === k));
      return {
        total,
        results: grouped.map((e) => ({
          kind: e.kind,
          id: e.id,
          label: e.label,
          detail: e.detail,
          ...(e.organization_uuid ? { organization_uuid: e.organization_uuid } : {}),
          match: matchOfEntry.get(e)!,
        })),
      };
    },
  };
}

/** The directory's search index, kept as long as the directory is: `searchIndexOf.ready` builds it in slices (after each load, and before a search). */
export const searchIndexOf: PerDirectorySliced<SearchIndex> = perDirectorySliced("search-index", searchIndexSteps);
