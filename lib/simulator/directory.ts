import type { ApiKey, EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "../compliance/schemas";
import { drawMembers, orphanMember, planGroups, type GroupPlan } from "./groups";
import { SIM_KEY_RECORDS } from "./keys";
import { ORG_DIVISIONS, ORG_REGIONS, PARENT_ORGANIZATION_NAME } from "./names";
import { generateSettings } from "./org-settings";
import { People } from "./people";
import { generateRoles, type OrgRoles } from "./rbac";
import { rngFor, uuidFrom } from "./random";
import { buildRoster, planMemberships, roleName, splitMemberships, type MembershipPlan, type Roster } from "./roster";
import { ORGS_END_MS, START_MS, isoMillis, isoSeconds } from "./time";

/*
 * The synthetic Compliance API tree: a pure function of the options. The small parts
 * (organizations, groups) are built at once; rosters, roles, members and settings are built on
 * first use and kept, so a 1,000-organization, 200,000-user tree starts in milliseconds and
 * only pays for what is read. Tests get the same object the server answers from, to compute
 * their expectations independently of the HTTP layer.
 */

export interface DirectoryOptions {
  seed?: string | number;
  orgs?: number;
  /** Total user memberships across all organizations (a person in two organizations counts twice). */
  users?: number;
  groups?: number;
  /** Exact users per organization; overrides `users` (and `orgs`, which must then agree or be omitted). */
  orgUserCounts?: readonly number[];
}

export const DIRECTORY_DEFAULTS = { seed: "sim", orgs: 6, users: 1200, groups: 16 } as const;
export const DIRECTORY_LIMITS = { orgs: 20_000, users: 2_000_000, groups: 50_000 } as const;

export interface Directory {
  readonly seed: string;
  /** The parent organization: not in `organizations`; its settings answer 404. */
  readonly parent: { uuid: string; name: string };
  /** In API order: created_at ascending. */
  readonly organizations: readonly Organization[];
  /** In API order: creation order. */
  readonly groups: readonly Group[];
  /** The parent's Compliance API keys, as the settings endpoint lists them. */
  readonly apiKeys: readonly ApiKey[];
  readonly totalMemberships: number;
  /** User ids of group members who are in no organization (removed users the IdP still syncs). */
  readonly orphanMemberIds: readonly string[];
  organization(uuid: string): Organization | undefined;
  userCountOf(uuid: string): number;
  /** Every user of the organization in API order (join date ascending); [] for an unknown uuid. */
  usersOf(uuid: string): User[];
  /** Users [offset, offset + limit) in API order: what one page serves. */
  usersPage(uuid: string, offset: number, limit: number): User[];
  rolesOf(uuid: string): Role[];
  role(uuid: string, roleId: string): Role | undefined;
  permissionsOf(uuid: string, roleId: string): Permission[];
  group(id: string): Group | undefined;
  membersOf(groupId: string): GroupMember[];
  settingsOf(uuid: string): EffectiveSettings | undefined;
}

function checkCount(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be a whole number from 0 to ${max.toLocaleString("en-US")} (got ${value})`);
  }
  return value;
}

function organizationNames(seed: string, count: number): string[] {
  const rng = rngFor(seed, "org-names");
  // Plain division names first, so a small tree reads "Acme Legal", "Acme R&D", ... The ones that
  // need CSV quoting (a comma, an ampersand) are kept near the front for small test trees.
  const divisions = rng.shuffle(ORG_DIVISIONS);
  for (const [name, at] of [["Labs, Inc.", 1], ["R&D", 3]] as const) {
    const i = divisions.indexOf(name);
    divisions.splice(i, 1);
    divisions.splice(Math.min(at, divisions.length), 0, name);
  }
  const regional = rng.shuffle(ORG_DIVISIONS.flatMap((d) => ORG_REGIONS.filter(Boolean).map((r) => `${d} ${r}`)));
  const all = [...divisions, ...regional];
  return Array.from({ length: count }, (_, k) => {
    const base = `Acme ${all[k % all.length]}`;
    const round = Math.floor(k / all.length);
    return round === 0 ? base : `${base} ${round + 1}`;
  });
}

export function buildDirectory(opts: DirectoryOptions = {}): Directory {
  const seed = String(opts.seed ?? DIRECTORY_DEFAULTS.seed);
  let counts: number[];
  if (opts.orgUserCounts) {
    counts = opts.orgUserCounts.map((n, i) => checkCount(`orgUserCounts[${i}]`, n, DIRECTORY_LIMITS.users));
    checkCount("orgUserCounts.length", counts.length, DIRECTORY_LIMITS.orgs);
    if (opts.orgs !== undefined && opts.orgs !== counts.length) {
      throw new RangeError(`orgs (${opts.orgs}) disagrees with orgUserCounts (${counts.length} entries); give one of them`);
    }
  } else {
    const orgs = checkCount("orgs", opts.orgs ?? DIRECTORY_DEFAULTS.orgs, DIRECTORY_LIMITS.orgs);
    const users = checkCount("users", opts.users ?? DIRECTORY_DEFAULTS.users, DIRECTORY_LIMITS.users);
    counts = splitMemberships(seed, orgs, users);
  }
  const groupCount = checkCount("groups", opts.groups ?? DIRECTORY_DEFAULTS.groups, DIRECTORY_LIMITS.groups);
  const totalMemberships = counts.reduce((a, b) => a + b, 0);
  if (totalMemberships > DIRECTORY_LIMITS.users) throw new RangeError(`at most ${DIRECTORY_LIMITS.users} memberships in all`);

  const people = new People(seed);
  const plan: MembershipPlan = planMemberships(counts);
  const names = organizationNames(seed, counts.length);
  const createdMs: number[] = [];
  const organizations: Organization[] = counts.map((_, k) => {
    const rng = rngFor(seed, "org", k);
    // One slot per organization keeps created_at strictly ascending (the API's order).
    const ms = START_MS + ((ORGS_END_MS - START_MS) * (k + rng.next() * 0.8)) / counts.length;
    createdMs.push(ms);
    return Object.freeze({ uuid: uuidFrom(rng), name: names[k] as string, created_at: isoSeconds(ms) });
  });
  const orgIndex = new Map(organizations.map((o, k) => [o.uuid, k]));
  const parent = { uuid: uuidFrom(rngFor(seed, "parent")), name: PARENT_ORGANIZATION_NAME };

  const rosters = new Map<number, Roster>();
  const rosterOf = (k: number): Roster => {
    let r = rosters.get(k);
    if (!r) rosters.set(k, (r = buildRoster(seed, k, plan, createdMs[k] as number)));
    return r;
  };
  const rbac = new Map<number, OrgRoles>();
  const rbacOf = (k: number): OrgRoles => {
    let r = rbac.get(k);
    if (!r) rbac.set(k, (r = generateRoles(seed, k, organizations[k]!.uuid, createdMs[k] as number)));
    return r;
  };

  const groupPlans: GroupPlan[] = planGroups(seed, groupCount, counts, (k) => rbacOf(k).roles);
  const groups = groupPlans.map((p) => Object.freeze(p.record));
  const groupIndex = new Map(groups.map((g, i) => [g.id, i]));
  const members = new Map<number, GroupMember[]>();
  const settings = new Map<number, EffectiveSettings>();

  const userAt = (roster: Roster, i: number): User => {
    const p = people.at(roster.person[i] as number);
    return {
      id: p.id,
      full_name: p.fullName,
      email: p.email,
      created_at: isoMillis(roster.created[i] as number),
      organization_role: roleName(roster.role[i] as number),
    };
  };

  let apiKeys: ApiKey[] | undefined;
  const apiKeysOf = (): ApiKey[] => {
    if (apiKeys) return apiKeys;
    // The keys were made by the first organization's primary owner (when there is one).
    const first = counts.length > 0 && (counts[0] as number) > 0 ? people.at(rosterOf(0).person[0] as number).id : null;
    apiKeys = SIM_KEY_RECORDS.map((k, i) => ({
      id: k.id,
      name: k.label,
      scopes: [...k.scopes],
      is_active: k.status !== "deactivated",
      created_at: k.createdAt,
      created_by_id: i % 3 === 2 ? null : first,
      expires_at: k.expiresAt,
      type: "compliance_access_key",
    }));
    return apiKeys;
  };

  const directory: Directory = {
    seed,
    parent,
    organizations: Object.freeze(organizations),
    groups: Object.freeze(groups),
    get apiKeys() {
      return apiKeysOf();
    },
    totalMemberships,
    orphanMemberIds: groupPlans.some((p) => p.orphan) ? [orphanMember(seed).user_id] : [],
    organization: (uuid) => {
      const k = orgIndex.get(uuid);
      return k === undefined ? undefined : organizations[k];
    },
    userCountOf: (uuid) => {
      const k = orgIndex.get(uuid);
      return k === undefined ? 0 : (counts[k] as number);
    },
    usersOf: (uuid) => directory.usersPage(uuid, 0, Number.MAX_SAFE_INTEGER),
    usersPage: (uuid, offset, limit) => {
      const k = orgIndex.get(uuid);
      if (k === undefined) return [];
      const roster = rosterOf(k);
      const end = Math.min(roster.person.length, offset + limit);
      const out: User[] = [];
      for (let i = Math.max(0, offset); i < end; i++) out.push(userAt(roster, i));
      return out;
    },
    rolesOf: (uuid) => {
      const k = orgIndex.get(uuid);
      return k === undefined ? [] : rbacOf(k).roles;
    },
    role: (uuid, roleId) => directory.rolesOf(uuid).find((r) => r.id === roleId),
    permissionsOf: (uuid, roleId) => {
      const k = orgIndex.get(uuid);
      return (k === undefined ? undefined : rbacOf(k).permissions.get(roleId)) ?? [];
    },
    group: (id) => {
      const i = groupIndex.get(id);
      return i === undefined ? undefined : groups[i];
    },
    membersOf: (groupId) => {
      const i = groupIndex.get(groupId);
      if (i === undefined) return [];
      let m = members.get(i);
      if (!m) members.set(i, (m = drawMembers(seed, i, groupPlans[i] as GroupPlan, rosterOf, people)));
      return m;
    },
    settingsOf: (uuid) => {
      const k = orgIndex.get(uuid);
      if (k === undefined) return undefined;
      let s = settings.get(k);
      if (!s) {
        s = { organization_id: uuid, settings: generateSettings(seed, k), api_keys: apiKeysOf(), type: "effective_organization_settings" };
        settings.set(k, s);
      }
      return s;
    },
  };
  return directory;
}
