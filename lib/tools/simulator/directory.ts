import type { ApiKey, EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "@/lib/shared/compliance/schemas";
import { drawMembers, orphanMember, planGroups, type GroupPlan } from "./groups";
import { applyChanges, type Change, type ChangeRequest } from "./mutations";
import { drawChurn } from "./churn";
import { SIM_KEY_RECORDS } from "./keys";
import { ORG_DIVISIONS, ORG_REGIONS, PARENT_ORGANIZATION_NAME } from "./names";
import { generateSettings } from "./org-settings";
import { People } from "./people";
import { generateRoles, type OrgRoles } from "./rbac";
import { rngFor, uuidFrom } from "./random";
import { buildRoster, planMemberships, roleName, splitMemberships, type MembershipPlan, type Roster } from "./roster";
import { ORGS_END_MS, START_MS, isoMillis, isoSeconds } from "./time";

/*
 * The synthetic Compliance API tree: a pure function of the options and of the mutations applied
 * since (mutations.ts, churn.ts). The small parts (organizations, groups) are built at once;
 * rosters, roles, members and settings are built on first use and kept, so a 1,000-organization,
 * 200,000-user tree starts in milliseconds and only pays for what is read. Mutations are kept as
 * overlays on the generated data (per organization: who left, who joined, changed roles; per
 * person: a changed name or email; copies of only the role, group and settings records that
 * changed), so a changed large tree stays cheap. Tests get the same object the server answers
 * from, to compute their expectations independently of the HTTP layer.
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
  /** Mutation batches applied so far (0: as generated). */
  readonly version: number;
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
  /**
   * Applies changes in order as one batch and answers each change made, in CONTRACT.md's change
   * vocabulary (implied ones included: a role's permissions with the role, a group's members and
   * roles with the group). Throws MutationError at the first change that cannot be made; the ones
   * before it stay applied.
   */
  mutate(requests: readonly ChangeRequest[]): Change[];
  /**
   * A seeded set of changes touching about `fraction` of the memberships (joiners, leavers, role,
   * email and name changes, group memberships), plus a few role, permission, group, group-role,
   * setting and organization changes; the same seed, fraction and step (on the same directory)
   * give the same changes. `step` defaults to version + 1. A fraction of 0 changes nothing.
   */
  churn(fraction: number, step?: number): Change[];
}

/** A membership as kept in an overlay: person index, join time (epoch ms), organization_role index. */
export interface Member {
  person: number;
  created: number;
  role: number;
}

/** One organization's changes on top of its generated roster. */
export interface OrgDelta {
  /** Persons of the generated roster who left (and may have rejoined: then also in `joined`). */
  left: Set<number>;
  /** Who joined since, in join order (join times ascend). */
  joined: Member[];
  /** organization_role changes of roster members, by person. */
  role: Map<number, number>;
  /** Roster positions still present, built on first read after a change. */
  view?: Int32Array;
}

/** What mutations.ts and churn.ts work on: the generated parts and the overlays, mutable. */
export interface DirectoryState {
  seed: string;
  people: People;
  plan: MembershipPlan;
  /** Organizations as generated (index k); `orgs` holds their current records. */
  baseCount: number;
  orgs: Organization[];
  orgIndex: Map<string, number>;
  createdMs: number[];
  rosterOf(k: number): Roster;
  deltas: Map<number, OrgDelta>;
  /** Changed names and emails, by person index. */
  personOver: Map<number, { fullName?: string; email?: string }>;
  /** Changed emails by user id, for group member records. */
  emailById: Map<string, string>;
  /** Persons created by mutations: from here up. */
  freshPersonStart: number;
  nextPerson: number;
  membershipDelta: number;
  rbacOf(k: number): OrgRoles;
  rbac: Map<number, OrgRoles>;
  groups: Group[];
  groupIndex: Map<string, number>;
  /** Group members as listed upstream (emails before personOver), by group id. */
  rawMembersOf(id: string): GroupMember[];
  members: Map<string, GroupMember[]>;
  settingsOf(k: number): EffectiveSettings;
  settings: Map<number, EffectiveSettings>;
  version: number;
  userRecord(k: number, m: Member): User;
  /** The membership of `person` in organization k now, if any. */
  memberOf(k: number, person: number): Member | undefined;
  /** The person index of a user id, searching the organizations (and the persons mutations made). */
  personOfId(userId: string): number | undefined;
  person(person: number): { id: string; fullName: string; email: string };
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
  const planOf = new Map(groupPlans.map((p, i) => [p.record.id, i]));
  const members = new Map<string, GroupMember[]>();
  const settings = new Map<number, EffectiveSettings>();

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
      type: "compliance_api_key", // what the live API sends (API.md), not the spec's wording
    }));
    return apiKeys;
  };

  const deltas = new Map<number, OrgDelta>();
  const personOver = new Map<number, { fullName?: string; email?: string }>();
  const person = (index: number) => {
    const p = people.at(index);
    const o = personOver.get(index);
    return o ? { ...p, ...o } : p;
  };
  const userRecord = (_k: number, m: Member): User => {
    const p = person(m.person);
    return { id: p.id, full_name: p.fullName, email: p.email, created_at: isoMillis(m.created), organization_role: roleName(m.role) };
  };
  const baseMember = (k: number, pos: number): Member => {
    const roster = rosterOf(k);
    const who = roster.person[pos] as number;
    return { person: who, created: roster.created[pos] as number, role: deltas.get(k)?.role.get(who) ?? (roster.role[pos] as number) };
  };

  // Roster positions by person, built per organization only when a mutation names a member: an
  // Int32Array over the organization's own people (4 bytes a member) and a map for shared ones.
  const positions = new Map<number, { own: Int32Array; shared: Map<number, number> }>();
  const positionOf = (k: number, who: number): number | undefined => {
    let m = positions.get(k);
    if (!m) {
      const roster = rosterOf(k);
      const start = plan.uniqueStart[k] as number;
      m = { own: new Int32Array(plan.uniqueCount[k] as number), shared: new Map() };
      for (let i = 0; i < roster.person.length; i++) {
        const p = roster.person[i] as number;
        if (p >= plan.uniqueTotal) m.shared.set(p, i);
        else m.own[p - start] = i;
      }
      positions.set(k, m);
    }
    if (who >= plan.uniqueTotal) return m.shared.get(who);
    const at = who - (plan.uniqueStart[k] as number);
    return at >= 0 && at < m.own.length ? m.own[at] : undefined;
  };
  // Persons by user id: only for changes sent by id to the control route (churn draws persons).
  const idMaps = new Map<number, Map<string, number>>();
  const idMapOf = (k: number) => {
    let m = idMaps.get(k);
    if (!m) {
      const roster = rosterOf(k);
      m = new Map();
      for (let i = 0; i < roster.person.length; i++) m.set(people.at(roster.person[i] as number).id, roster.person[i] as number);
      idMaps.set(k, m);
    }
    return m;
  };

  const viewOf = (k: number, d: OrgDelta): Int32Array => {
    if (d.view) return d.view;
    const roster = rosterOf(k);
    const view = new Int32Array(roster.person.length - d.left.size);
    let j = 0;
    for (let i = 0; i < roster.person.length; i++) if (!d.left.has(roster.person[i] as number)) view[j++] = i;
    return (d.view = view);
  };

  const st: DirectoryState = {
    seed,
    people,
    plan,
    baseCount: counts.length,
    orgs: organizations,
    orgIndex,
    createdMs,
    rosterOf,
    deltas,
    personOver,
    emailById: new Map(),
    freshPersonStart: plan.uniqueTotal + plan.sharedPool,
    nextPerson: plan.uniqueTotal + plan.sharedPool,
    membershipDelta: 0,
    rbacOf,
    rbac,
    groups: groupPlans.map((p) => Object.freeze(p.record)),
    groupIndex: new Map(groupPlans.map((p, i) => [p.record.id, i])),
    rawMembersOf: (id) => {
      let m = members.get(id);
      if (m) return m;
      const i = planOf.get(id);
      if (i === undefined || !st.groupIndex.has(id)) return [];
      members.set(id, (m = drawMembers(seed, i, groupPlans[i] as GroupPlan, rosterOf, people)));
      return m;
    },
    members,
    settingsOf: (k) => {
      let s = settings.get(k);
      if (!s) {
        s = { organization_id: organizations[k]!.uuid, settings: generateSettings(seed, k), api_keys: apiKeysOf(), type: "effective_organization_settings" };
        settings.set(k, s);
      }
      return s;
    },
    settings,
    version: 0,
    userRecord,
    person,
    memberOf: (k, who) => {
      const d = deltas.get(k);
      const joined = d?.joined.find((m) => m.person === who);
      if (joined) return joined;
      if (d?.left.has(who)) return undefined;
      if (who >= st.freshPersonStart) return undefined;
      if (who < plan.uniqueTotal) {
        const start = plan.uniqueStart[k] as number;
        if (who < start || who >= start + (plan.uniqueCount[k] as number)) return undefined;
      }
      const pos = positionOf(k, who);
      return pos === undefined ? undefined : baseMember(k, pos);
    },
    personOfId: (userId) => {
      for (let p = st.freshPersonStart; p < st.nextPerson; p++) if (people.at(p).id === userId) return p;
      for (let k = 0; k < counts.length; k++) {
        const who = idMapOf(k).get(userId);
        if (who !== undefined) return who;
      }
      return undefined;
    },
  };

  // Group member records with changed emails, cached per group until the next batch.
  const memberViews = new Map<string, { version: number; rows: GroupMember[] }>();

  const directory: Directory = {
    seed,
    parent,
    get organizations() {
      return st.orgs;
    },
    get groups() {
      return st.groups;
    },
    get apiKeys() {
      return apiKeysOf();
    },
    get totalMemberships() {
      return totalMemberships + st.membershipDelta;
    },
    get version() {
      return st.version;
    },
    orphanMemberIds: groupPlans.some((p) => p.orphan) ? [orphanMember(seed).user_id] : [],
    organization: (uuid) => {
      const k = orgIndex.get(uuid);
      return k === undefined ? undefined : st.orgs[k];
    },
    userCountOf: (uuid) => {
      const k = orgIndex.get(uuid);
      if (k === undefined) return 0;
      const d = deltas.get(k);
      return (counts[k] as number) - (d?.left.size ?? 0) + (d?.joined.length ?? 0);
    },
    usersOf: (uuid) => directory.usersPage(uuid, 0, Number.MAX_SAFE_INTEGER),
    usersPage: (uuid, offset, limit) => {
      const k = orgIndex.get(uuid);
      if (k === undefined) return [];
      const d = deltas.get(k);
      const base = d ? viewOf(k, d) : undefined;
      const baseLength = base ? base.length : (counts[k] as number);
      const total = baseLength + (d?.joined.length ?? 0);
      const end = Math.min(total, offset + limit);
      const out: User[] = [];
      for (let i = Math.max(0, offset); i < end; i++) {
        if (i < baseLength) out.push(userRecord(k, baseMember(k, base ? (base[i] as number) : i)));
        else out.push(userRecord(k, d!.joined[i - baseLength] as Member));
      }
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
      const i = st.groupIndex.get(id);
      return i === undefined ? undefined : st.groups[i];
    },
    membersOf: (groupId) => {
      const rows = st.rawMembersOf(groupId);
      if (st.emailById.size === 0) return rows;
      const cached = memberViews.get(groupId);
      if (cached?.version === st.version) return cached.rows;
      const mapped = rows.map((m) => {
        const email = st.emailById.get(m.user_id);
        return email === undefined ? m : { ...m, email };
      });
      memberViews.set(groupId, { version: st.version, rows: mapped });
      return mapped;
    },
    settingsOf: (uuid) => {
      const k = orgIndex.get(uuid);
      return k === undefined ? undefined : st.settingsOf(k);
    },
    mutate: (requests) => applyChanges(st, requests),
    churn: (fraction, step) => {
      if (!(typeof fraction === "number" && fraction >= 0 && fraction <= 1)) throw new RangeError(`churn fraction must be from 0 to 1 (got ${fraction})`);
      if (fraction === 0) return [];
      return applyChanges(st, drawChurn(st, fraction, step ?? st.version + 1));
    },
  };
  return directory;
}
