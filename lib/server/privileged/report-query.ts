import "server-only";
import { allCounts, emptyCaches, facetColumnSteps, facetPairs, groupedKeyHits, joinedKeysSteps, matchIndex, rankSteps, sortedMatches, sortOrder, type FacetColumn, type KeyGroups, type RowIndex } from "@/lib/server/directory/row-query";
import { processWide } from "@/lib/server/process-wide";
import { CHECKPOINT_EVERY, runInSlices, SlicedBuild, type Steps } from "@/lib/server/directory/time-slices";
import type { PrivilegedReport, PrivilegedRow } from "@/lib/shared/privileged/wire";
import {
  PRIVILEGED_DEFAULT_SORT,
  PRIVILEGED_FACET_KEYS,
  type PrivilegedFacet,
  type PrivilegedQuery,
  type PrivilegedQueryAnswer,
  type PrivilegedSort,
} from "@/lib/shared/privileged/query-wire";

/*
 * The privileged report's search, facet filters, facet counts and sort, on the server (333,000
 * rows at 200,000 memberships: too many to send to a tab). Built once per kept report (a report
 * never changes once computed) with the same index as People (lib/server/directory/row-query.ts):
 * the searchable columns' keys as the table's columns show them (per person and per road, which
 * many rows share), one facet column per filter, ranks per sortable column on first use. The query route, the page's first screen, print and the download all
 * decide "matching" here, so each holds what the page shows.
 */

export interface PrivilegedIndex extends RowIndex<PrivilegedFacet, PrivilegedSort> {
  report: PrivilegedReport;
}

/** The path column's words, as the table shows them. */
export const pathWords = (r: PrivilegedRow) => (r.group_name ? `${r.group_name} → ${r.role_name}` : "listed by the organization");
/** The new-since column's value: "new", "before", or "" without a comparison. */
const newWord = (r: PrivilegedRow) => (r.new_since === undefined ? "" : r.new_since ? "new" : "before");

/** Rows grouped by a key (`of`: each row's group) with each group's lower-cased search keys, joined. */
function* groupSteps(rows: readonly PrivilegedRow[], groupOf: (r: PrivilegedRow) => string, columns: number, keysOf: (r: PrivilegedRow) => string[]): Steps<KeyGroups> {
  const ids = new Map<string, number>();
  const keys: string[][] = Array.from({ length: columns }, () => []);
  const of = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const g = groupOf(rows[i]!);
    let id = ids.get(g);
    if (id === undefined) {
      id = ids.size;
      ids.set(g, id);
      keysOf(rows[i]!).forEach((k, c) => keys[c]!.push(k.toLowerCase()));
    }
    of[i] = id;
    if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
  }
  return { joined: yield* joinedKeysSteps(keys), of };
}

function* indexSteps(report: PrivilegedReport): Steps<PrivilegedIndex> {
  const { rows } = report;
  const size = rows.length;
  // The searchable columns (person, email, user id; access, path), compared once per person and once
  // per road: 333,000 rows hold 32,000 people and a few thousand roads.
  const search = [
    yield* groupSteps(rows, (r) => r.user_id, 3, (r) => [r.full_name || r.email, r.email, r.user_id]),
    yield* groupSteps(rows, (r) => `${r.access}\u0000${pathWords(r)}`, 2, (r) => [r.access, pathWords(r)]),
  ];
  const [people, roads] = search as [KeyGroups, KeyGroups];
  const facets = {
    org: yield* facetColumnSteps(size, (i) => [rows[i]!.organization_name]),
    source: yield* facetColumnSteps(size, (i) => [rows[i]!.source]),
    access: yield* facetColumnSteps(size, (i) => [rows[i]!.access]),
    new: yield* facetColumnSteps(size, (i) => (rows[i]!.new_since === undefined ? [] : [newWord(rows[i]!)])),
  };
  // A one-value column's sort keys from its facet (a few distinct values, lower-cased once): reading
  // 333,000 rows' strings again held the event loop for a quarter of a second.
  const byFacet = ({ dict, start, values }: FacetColumn) => {
    const lowered = dict.map((v) => v.toLowerCase());
    return Array.from(start.subarray(0, size), (at, i) => (start[i + 1]! > at ? lowered[values[at]!]! : ""));
  };
  // Sort keys are the groups' lower-cased keys, shared rather than made again for every row.
  const grouped = ({ joined, of }: KeyGroups, column: number) => Array.from(of, (g) => joined.keys[column]![g]!);
  const lower = (f: (r: PrivilegedRow) => string) => {
    const seen = new Map<string, string>();
    return rows.map((r) => {
      const v = f(r);
      let l = seen.get(v);
      if (l === undefined) seen.set(v, (l = v.toLowerCase()));
      return l;
    });
  };
  const sortKeys = (id: PrivilegedSort): readonly string[] => {
    switch (id) {
      case "person":
        return grouped(people, 0);
      case "email":
        return grouped(people, 1);
      case "user_id":
        return grouped(people, 2);
      case "access":
        return grouped(roads, 0);
      case "path":
        return grouped(roads, 1);
      case "organization":
        return byFacet(facets.org);
      case "source":
        return byFacet(facets.source);
      case "resource":
        return lower((r) => (r.resource_type ? `${r.resource_type} ${r.resource_id ?? ""}` : ""));
      case "new_since":
        return byFacet(facets.new);
    }
  };
  return {
    report,
    size,
    search: (matcher) => groupedKeyHits(size, search, matcher),
    facetKeys: PRIVILEGED_FACET_KEYS,
    sortKeys,
    facets,
    ...emptyCaches(),
  };
}

const builds = processWide("privileged-index", () => new WeakMap<PrivilegedReport, SlicedBuild<PrivilegedIndex>>());
function buildOf(report: PrivilegedReport): SlicedBuild<PrivilegedIndex> {
  let build = builds.get(report);
  if (!build) builds.set(report, (build = new SlicedBuild(indexSteps(report))));
  return build;
}

/** The report's index now (finishing a build under way at once). */
export const privilegedIndexOf = (report: PrivilegedReport): PrivilegedIndex => buildOf(report).now();

const prepared = processWide("privileged-prepared", () => new WeakMap<PrivilegedReport, Promise<void>>());

/**
 * What the first answer needs (the index, the default order, the counts over every row), built in
 * slices once per report: started when the report is computed, awaited by every query before it reads.
 */
export function preparePrivilegedQuery(report: PrivilegedReport): Promise<void> {
  let done = prepared.get(report);
  if (!done) {
    done = (async () => {
      const index = await buildOf(report).inSlices();
      await runInSlices(rankSteps(index, PRIVILEGED_DEFAULT_SORT[0]!.id));
      sortOrder(index, PRIVILEGED_DEFAULT_SORT);
      allCounts(index);
    })();
    prepared.set(report, done);
  }
  return done;
}

const sortOf = (query: Pick<PrivilegedQuery, "sort">) => (query.sort.length ? query.sort : PRIVILEGED_DEFAULT_SORT);

/** Every row matching a view, in its order (print, the download). */
export function matchingPrivilegedRows(report: PrivilegedReport, query: Pick<PrivilegedQuery, "q" | "sort" | PrivilegedFacet>): PrivilegedRow[] {
  const index = privilegedIndexOf(report);
  return sortedMatches(index, matchIndex(index, query.q, query), sortOf(query)).map((i) => report.rows[i]!);
}

export function answerPrivilegedQuery(report: PrivilegedReport, query: PrivilegedQuery): PrivilegedQueryAnswer {
  const index = privilegedIndexOf(report);
  const match = matchIndex(index, query.q, query);
  const window = sortedMatches(index, match, sortOf(query), query.offset, query.limit);
  const { rows: _all, ...counts } = report;
  const newCount = report.since_sync ? (allCounts(index).new[index.facets.new.lookup.get("new") ?? -1] ?? 0) : null;
  return {
    ...counts,
    matched: match.matched,
    offset: query.offset,
    rows: window.map((i) => report.rows[i]!),
    ...(query.facets ? { facets: Object.fromEntries(PRIVILEGED_FACET_KEYS.map((k) => [k, facetPairs(index.facets[k], match.counts[k])])) } : {}),
    new_count: newCount,
  };
}
