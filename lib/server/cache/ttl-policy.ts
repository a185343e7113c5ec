/*
 * How long each kind of upstream answer may be served from the cache. COMPLIANCE_CACHE_TTL_SECONDS
 * is the base: people lists (organization users, group members) use it as is, because a removed
 * user vanishes upstream at once and an officer must not see them for long. The organization list
 * and settings change rarely and are cheap to keep; roles and groups sit in between. 0 turns the
 * cache off for everything.
 */

export type CachedResource =
  | "organizations"
  | "users"
  | "roles"
  | "permissions"
  | "settings"
  | "groups"
  | "members"
  | "other";

/** Multiples of the base TTL. */
export const TTL_FACTORS: Record<CachedResource, number> = {
  organizations: 4,
  settings: 4,
  roles: 2,
  permissions: 2,
  groups: 2,
  users: 1,
  members: 1,
  other: 1,
};

const SEG = "[^/]+";
const PATTERNS: Array<[RegExp, CachedResource]> = [
  [new RegExp(`^/v1/compliance/organizations$`), "organizations"],
  [new RegExp(`^/v1/compliance/organizations/${SEG}/users$`), "users"],
  [new RegExp(`^/v1/compliance/organizations/${SEG}/settings$`), "settings"],
  [new RegExp(`^/v1/compliance/organizations/${SEG}/roles/${SEG}/permissions$`), "permissions"],
  [new RegExp(`^/v1/compliance/organizations/${SEG}/roles(/${SEG})?$`), "roles"],
  [new RegExp(`^/v1/compliance/groups/${SEG}/members$`), "members"],
  [new RegExp(`^/v1/compliance/groups(/${SEG})?$`), "groups"],
];

export function resourceOf(path: string): CachedResource {
  for (const [re, resource] of PATTERNS) if (re.test(path)) return resource;
  return "other";
}

/** Milliseconds an answer for `path` stays fresh, from the base TTL in seconds. */
export function cacheTtlMs(path: string, baseSeconds: number): number {
  if (!(baseSeconds > 0)) return 0;
  return Math.round(baseSeconds * 1000 * TTL_FACTORS[resourceOf(path)]);
}

export type TtlPolicy = (path: string) => number;

export function ttlPolicy(baseSeconds: number): TtlPolicy {
  return (path) => cacheTtlMs(path, baseSeconds);
}
