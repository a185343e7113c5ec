import "server-only";
import { processWide } from "@/lib/server/process-wide";
import { parseSearch, type SearchMatcher } from "@/lib/shared/data-table/search-query";
import { emailDomain } from "@/lib/shared/format/email";
import { accessIndexOf } from "./people-access";
import { perDirectory, perDirectorySliced } from "./per-directory";
import { mapSteps, runInSlices, type Steps } from "./time-slices";
import { allCounts, emptyCaches, exactKeys, facetColumnSteps, facetPairs, joinedKeysSteps, keyHits, matchIndex, rankSteps, sortedMatches, sortOrder, type JoinedKeys, type RowIndex, type RowMatch } from "./row-query";
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

export interface PeopleQueryIndex extends RowIndex<PeopleFacet, PeopleSort> {
  directory: Directory;
  /** Lower-cased full name, email and user id: what the search compares. */
  joined: JoinedKeys;
}

/* The index as steps (time-slices.ts): after a sync it is built in slices, so 150,000 people never hold the event loop for seconds. */
function* indexSteps(directory: Directory): Steps<PeopleQueryIndex> {
  const people = directory.people;
  const size = people.length;
  const access = accessIndexOf(directory);
  yield;
  const held = yield* mapSteps(size, (i) => access.access(people[i]!));
  const { roles, actions } = access.catalog;
  const keys = [
    yield* mapSteps(size, (i) => people[i]!.fullName.toLowerCase()),
    yield* mapSteps(size, (i) => people[i]!.email.toLowerCase()),
    yield* mapSteps(size, (i) => people[i]!.id.toLowerCase()),
  ];
  const joined = yield* joinedKeysSteps(keys);
  return {
    directory,
    size,
    joined,
    search: (matcher: SearchMatcher) => keyHits(joined, matcher),
    facetKeys: PEOPLE_FACET_KEYS,
    sortKeys: (id: PeopleSort) => sortKeys(directory, keys, id),
    facets: {
      org: yield* facetColumnSteps(size, (i) => people[i]!.memberships.map((m) => m.organization.name)),
      role: yield* facetColumnSteps(size, (i) => people[i]!.memberships.map((m) => m.organizationRole)),
      rbac: yield* facetColumnSteps(size, (i) => held[i]!.roles.map((ri) => roles[ri]!.id)),
      group: yield* facetColumnSteps(size, (i) => people[i]!.groups.map((g) => g.group.id)),
      action: yield* facetColumnSteps(size, (i) => held[i]!.actions.map((ai) => actions[ai]!)),
      domain: yield* facetColumnSteps(size, (i) => [emailDomain(people[i]!.email)]),
    },
    ...emptyCaches(),
  };
}

/**
 * The directory's People index, kept as long as the directory is. `peopleQueryIndexOf.ready` builds
 * it in slices (routes await preparePeopleQuery first); called directly it finishes the same build at once.
 */
export const peopleQueryIndexOf = perDirectorySliced("people-query-index", indexSteps);

/* ---------- sort ---------- */

/** Each person's sort key for a column, as the People table compares them (case-insensitive text; counts as numbers). */
function sortKeys(directory: Directory, keys: string[][], id: PeopleSort): (string | number)[] {
  const people = directory.people;
  switch (id) {
    case "name":
      return keys[0]!;
    case "email":
      return keys[1]!;
    case "id":
      return keys[2]!;
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

/* ---------- filter ---------- */

export type PeopleMatch = RowMatch<PeopleFacet>;

/** Who matches, and each facet's counts (row-query.ts), kept for the last few views. */
export const matchPeople = (index: PeopleQueryIndex, query: Pick<PeopleQuery, "q" | PeopleFacet>): PeopleMatch => matchIndex(index, query.q, query);

/** The ids of everyone matching a People view, in its order: what "all matching" means for selection and downloads. */
export function matchingPeopleIds(directory: Directory, query: PeopleQuery): string[] {
  const index = peopleQueryIndexOf(directory);
  const match = matchPeople(index, query);
  return sortedMatches(index, match, query.sort).map((i) => directory.people[i]!.id);
}

const prepared = processWide("people-query-ready", () => new WeakSet<Directory>());

/** People's first answer is at hand for this directory (preparePeopleQuery has finished). */
export const isPeopleQueryPrepared = (directory: Directory): boolean => prepared.has(directory);

/**
 * What People's first answer needs (the index, the default sort, the counts), built in slices that
 * leave the event loop free, once per directory: started right after a directory is loaded, and
 * awaited by every People request before it reads the index, so concurrent requests share one build.
 * Never rejects: a build that failed is retried (and its error answered) by the request's own use.
 */
export const preparePeopleQuery: (directory: Directory) => Promise<void> = perDirectory("people-query-prepared", async (directory) => {
  try {
    const index = await peopleQueryIndexOf.ready(directory);
    await runInSlices(rankSteps(index, "name"));
    sortOrder(index, [{ id: "name", desc: false }]);
    allCounts(index);
    prepared.add(directory);
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
  const exact = exactKeys(index.joined);
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
  const facets = query.facets ? Object.fromEntries(PEOPLE_FACET_KEYS.map((key) => [key, facetPairs(index.facets[key], match.counts[key])])) : undefined;
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
