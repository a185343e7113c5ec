import type { Group, GroupMember, Role } from "@/lib/shared/compliance/schemas";
import { ALL_STAFF_GROUP_NAME, DIRECT_GROUP_NAMES, SCIM_GROUP_NAMES } from "./names";
import type { People } from "./people";
import { rngFor } from "./random";
import type { Roster } from "./roster";
import { END_MS, isoMillis, isoNaive, START_MS } from "./time";

/*
 * Parent-wide groups. A group is planned eagerly (its record is small) and its members are
 * drawn lazily from one or two organizations' rosters. SCIM groups often carry timestamps
 * without a UTC offset, as upstream does for IdP-synced records; a few records have none.
 */

export interface GroupPlan {
  record: Group;
  homeOrg: number;
  secondOrg: number | null;
  /** Members wanted (the draw may come out smaller when the organizations are small). */
  size: number;
  createdMs: number;
  /** Membership timestamps without UTC offset. */
  naiveMemberTimes: boolean;
  /** Carries one member who is in no organization (a removed user the IdP still lists). */
  orphan: boolean;
}

/** The one member in no organization: what reconciliation against the IdP should flag. */
export function orphanMember(seed: string): { user_id: string; email: string } {
  const rng = rngFor(seed, "orphan");
  return { user_id: `user_01${rng.base62(22)}`, email: "former.contractor@umbrella-staffing.net" };
}

/** The index whose share of `cumulative` (running totals of sizes) holds `x`: larger ones are picked more often. */
export function pickIndexBySize(cumulative: readonly number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function planGroups(seed: string, count: number, orgSizes: readonly number[], rolesOf: (orgIndex: number) => Role[]): GroupPlan[] {
  const plans: GroupPlan[] = [];
  if (orgSizes.length === 0) return plans;
  const cumulative: number[] = [];
  let total = 0;
  for (const n of orgSizes) cumulative.push((total += n + 1));
  let largest = 0;
  orgSizes.forEach((n, i) => {
    if (n > (orgSizes[largest] as number)) largest = i;
  });

  let scimNames = 0;
  let directNames = 0;
  const nameFrom = (list: readonly string[], n: number) => {
    const base = list[n % list.length] as string;
    const round = Math.floor(n / list.length);
    return round === 0 ? base : `${base} ${round + 1}`;
  };

  for (let g = 0; g < count; g++) {
    const rng = rngFor(seed, "group", g);
    const first = g === 0;
    const scim = first || rng.chance(0.6);
    const name = first ? ALL_STAFF_GROUP_NAME : scim ? nameFrom(SCIM_GROUP_NAMES, scimNames++) : nameFrom(DIRECT_GROUP_NAMES, directNames++);
    const homeOrg = first ? largest : pickIndexBySize(cumulative, rng.next() * total);
    const secondOrg = !first && orgSizes.length > 1 && rng.chance(0.25) ? pickIndexBySize(cumulative, rng.next() * total) : null;

    const createdMs = START_MS + ((END_MS - START_MS) * (g + rng.next() * 0.9)) / Math.max(count, 1) / 1.15;
    const updatedMs = createdMs + rng.next() * (END_MS - createdMs) * 0.5;
    const naive = scim && rng.chance(0.5);
    const stamp = naive ? isoNaive : isoMillis;
    const noTimes = !first && rng.chance(0.08);

    let roles: string[] | null;
    const r = rng.next();
    if (r < 0.15) roles = null;
    else if (r < 0.3) roles = [];
    else {
      // Roles come from the organizations the members are in: a group spans organizations.
      const pool = [...rolesOf(homeOrg), ...(secondOrg !== null && secondOrg !== homeOrg ? rolesOf(secondOrg) : [])];
      roles = rng.sample(pool.length, rng.int(1, 3)).map((i) => (pool[i] as Role).id);
    }

    const sizeClass = rng.next();
    const size = first
      ? Number.MAX_SAFE_INTEGER
      : sizeClass < 0.05
        ? 0
        : sizeClass < 0.65
          ? rng.int(1, 25)
          : sizeClass < 0.95
            ? rng.int(26, 200)
            : rng.int(201, 1500);

    const record: Group = {
      id: `rbac_group_01${rng.base62(23)}`,
      name,
      // A string, never null (the live API, API.md): a group made without one has "".
      description: rng.chance(0.1) ? "" : scim ? `Synced from Okta: ${name}` : `Created in claude.ai for ${name.toLowerCase()}.`,
      source_type: scim ? "scim" : "direct",
      roles,
      created_at: noTimes ? null : stamp(createdMs),
      updated_at: noTimes || rng.chance(0.05) ? null : stamp(updatedMs),
    };
    plans.push({ record, homeOrg, secondOrg, size, createdMs, naiveMemberTimes: scim && rng.chance(0.5), orphan: g === 1 });
  }
  return plans;
}

export function drawMembers(seed: string, groupIndex: number, plan: GroupPlan, rosterOf: (orgIndex: number) => Roster, people: People): GroupMember[] {
  const rng = rngFor(seed, "members", groupIndex);
  const sources = [plan.homeOrg, ...(plan.secondOrg !== null && plan.secondOrg !== plan.homeOrg ? [plan.secondOrg] : [])];
  const persons: number[] = [];
  const seen = new Set<number>();
  let wanted = plan.size;
  sources.forEach((orgIndex, i) => {
    const roster = rosterOf(orgIndex);
    const share = i === sources.length - 1 ? wanted : Math.ceil(wanted * 0.7);
    const positions = share >= roster.person.length ? roster.person.map((_, p) => p) : rng.sample(roster.person.length, share);
    for (const p of positions) {
      const person = roster.person[p] as number;
      if (seen.has(person)) continue; // someone in both organizations is one member
      seen.add(person);
      persons.push(person);
    }
    wanted = Math.max(0, plan.size - persons.length);
  });

  const members: GroupMember[] = [];
  const stamp = plan.naiveMemberTimes ? isoNaive : isoMillis;
  const span = END_MS - plan.createdMs;
  const times = persons.map(() => plan.createdMs + rng.next() * span).sort((a, b) => a - b);
  persons.forEach((person, i) => {
    const { id, email } = people.at(person);
    const created = times[i] as number;
    const noTimes = rng.chance(0.04);
    members.push({
      user_id: id,
      email,
      created_at: noTimes ? null : stamp(created),
      updated_at: noTimes ? null : stamp(created + rng.next() * (END_MS - created) * 0.2),
    });
  });
  if (plan.orphan) members.unshift({ ...orphanMember(seed), created_at: stamp(plan.createdMs), updated_at: null });
  return members;
}
