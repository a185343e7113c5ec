import { AS_OF_PARAM, viewAsOf } from "./as-of";

/*
 * Every TanStack Query key the browser uses, in one place: each query, prefetch and invalidation
 * names its data here, so two parts of the app that mean the same data share one cache entry and
 * an invalidation reaches every query it should. Directory data is read at the page's as_of
 * (lib/browser/query/as-of.ts): those keys end with it, so two syncs never share an entry.
 */

/** The page's as_of as a key suffix (nothing for the newest sync). */
const asOfSuffix = (): readonly unknown[] => {
  const asOf = viewAsOf();
  return asOf ? [{ [AS_OF_PARAM]: asOf }] : [];
};

/** A key read at the page's as_of. */
export const atViewAsOf = <K extends readonly unknown[]>(key: K) => [...key, ...asOfSuffix()] as const;

export const complianceKeys = {
  /** Every directory list and record, whatever as_of it was read at. */
  all: ["compliance"] as const,
  organizations: () => atViewAsOf(["compliance", "organizations"] as const),
  organization: (orgUuid: string) => atViewAsOf(["compliance", "organizations", orgUuid] as const),
  organizationUsers: (orgUuid: string) => atViewAsOf(["compliance", "organizations", orgUuid, "users"] as const),
  organizationRoles: (orgUuid: string) => atViewAsOf(["compliance", "organizations", orgUuid, "roles"] as const),
  role: (orgUuid: string, roleId: string) => atViewAsOf(["compliance", "organizations", orgUuid, "roles", roleId] as const),
  rolePermissions: (orgUuid: string, roleId: string) => atViewAsOf(["compliance", "organizations", orgUuid, "roles", roleId, "permissions"] as const),
  organizationSettings: (orgUuid: string) => atViewAsOf(["compliance", "organizations", orgUuid, "settings"] as const),
  groups: (namePrefix?: string) => atViewAsOf(namePrefix ? (["compliance", "groups", { namePrefix }] as const) : (["compliance", "groups"] as const)),
  group: (groupId: string) => atViewAsOf(["compliance", "groups", "detail", groupId] as const),
  groupMembers: (groupId: string) => atViewAsOf(["compliance", "groups", "detail", groupId, "members"] as const),
};

/** The store's joined directory (People, one person, counts, the header search, reports). */
export const directoryKeys = {
  all: ["directory"] as const,
  people: () => atViewAsOf(["directory", "people"] as const),
  person: (userId: string) => atViewAsOf(["directory", "people", userId] as const),
  /** One window of People as the server answers a view (search, filters, sort: its query string). */
  peopleQuery: (view: string, offset: number) => atViewAsOf(["directory", "people-query", view, offset] as const),
  peopleFacets: (view: string) => atViewAsOf(["directory", "people-query", view, "facets"] as const),
  /** People's facet options (fixed per sync). */
  peopleOptions: () => atViewAsOf(["directory", "people-query", "options"] as const),
  summary: () => atViewAsOf(["directory", "summary"] as const),
  /** The Overview's table, counted by the server from one sync. */
  overview: () => atViewAsOf(["directory", "overview"] as const),
  /** Every organization's effective settings, from one sync. */
  settings: () => atViewAsOf(["directory", "settings"] as const),
  /** Every organization's roles, from one sync. */
  roles: () => atViewAsOf(["directory", "roles"] as const),
  /** Every group's member count, from one sync. */
  groupSizes: () => atViewAsOf(["directory", "group-sizes"] as const),
  /** One group's members joined to names and organizations, from one sync. */
  groupMembers: (groupId: string) => atViewAsOf(["directory", "group-members", groupId] as const),
  search: (q: string) => atViewAsOf(["directory", "search", q] as const),
  /** One window of a view of the privileged report (as_of, since), answered by the server. */
  privilegedQuery: (asOf: string | null, since: string | null, view: string, offset: number) => ["directory", "privileged-query", asOf, since, view, offset] as const,
};

/** Syncs, and what changed between two of them (complete syncs never change, so neither do these). */
export const syncKeys = {
  all: ["syncs"] as const,
  changesSummary: (from: string, to: string) => ["changes-summary", from, to] as const,
  changes: (from: string, to: string) => ["changes", from, to] as const,
  history: (path: string) => ["history", path] as const,
};

export const seedListKeys = {
  all: ["seed-lists"] as const,
  index: () => ["seed-lists", "index"] as const,
  detail: (id: string, resolution?: number, against?: number) => ["seed-lists", "detail", id, { resolution, against }] as const,
};

export const savedReconciliationKeys = {
  all: ["reconciliations"] as const,
  index: () => ["reconciliations", "index"] as const,
  detail: (id: string, run?: number) => ["reconciliations", "detail", id, { run }] as const,
  compare: (id: string, a?: number, b?: number) => ["reconciliations", "compare", id, { a, b }] as const,
};

export const savedViewKeys = {
  forPath: (path: string) => ["saved-views", path] as const,
};

/** The audit log: every export, download and save adds to it, so they invalidate `all`. */
export const auditKeys = {
  all: ["audit"] as const,
  entries: <F>(filters: F) => ["audit", filters] as const,
};
