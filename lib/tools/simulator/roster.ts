import { ORGANIZATION_ROLES } from "@/lib/shared/compliance/schemas";
import { rngFor, type Rng } from "./random";
import { END_MS, START_MS } from "./time";

/*
 * Who is in which organization, kept compact: a roster is three typed arrays (person index,
 * join time, organization_role), about 13 bytes per membership, so 200,000 memberships cost a
 * few megabytes. Names and emails are derived from the person index when a page is served.
 *
 * Each organization's slots are split between people only it has (a contiguous range of person
 * indices) and people drawn from a shared pool, who land in two or more organizations: about
 * 15% of the people of a multi-organization tree.
 */

export interface Roster {
  person: Int32Array;
  /** Epoch ms; ascending (the API lists users by join date, oldest first). */
  created: Float64Array;
  /** Index into ORGANIZATION_ROLES. */
  role: Uint8Array;
}

export interface MembershipPlan {
  counts: number[];
  uniqueStart: number[];
  uniqueCount: number[];
  sharedCount: number[];
  /** Person indices [uniqueTotal, uniqueTotal + sharedPool) are the shared people. */
  uniqueTotal: number;
  sharedPool: number;
}

/** Share of each organization's slots filled from the shared pool; drawn at random with ~2.4
 * organizations per shared person, this makes ~15% of people members of more than one organization. */
const SHARED_SLOT_SHARE = 0.4;
const ORGS_PER_SHARED_PERSON = 2.4;

const ROLE_INDEX = Object.fromEntries(ORGANIZATION_ROLES.map((r, i) => [r, i])) as Record<(typeof ORGANIZATION_ROLES)[number], number>;
const PRIMARY_OWNER = ROLE_INDEX.primary_owner;
const OTHER_ROLES = ORGANIZATION_ROLES.filter((r) => r !== "primary_owner").map((r) => ROLE_INDEX[r]);
const ROLE_WEIGHTS: Record<string, number> = {
  user: 50,
  developer: 28,
  claude_code_user: 7,
  managed: 5,
  admin: 3,
  owner: 1.5,
  membership_admin: 1.5,
  billing: 1.5,
};
const WEIGHTED_ROLES = Object.keys(ROLE_WEIGHTS).map((r) => ROLE_INDEX[r as keyof typeof ROLE_INDEX]);
const WEIGHTS = Object.values(ROLE_WEIGHTS);

/** Splits `total` memberships over `orgs` organizations, unevenly (a few large, many small). */
export function splitMemberships(seed: string, orgs: number, total: number): number[] {
  if (orgs === 0) return [];
  const rng = rngFor(seed, "sizes");
  const weights = Array.from({ length: orgs }, () => Math.exp(0.9 * rng.normal()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = total >= orgs ? 1 : 0;
  const rest = total - base * orgs;
  const exact = weights.map((w) => (rest * w) / sum);
  const counts = exact.map((x) => base + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % orgs, left--) {
    const i = byRemainder[j]![1];
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

export function planMemberships(counts: readonly number[]): MembershipPlan {
  const multi = counts.length > 1;
  let sharedSlots = counts.map((c) => (multi ? Math.round(c * SHARED_SLOT_SHARE) : 0));
  const sharedPool = multi ? Math.max(1, Math.round(sharedSlots.reduce((a, b) => a + b, 0) / ORGS_PER_SHARED_PERSON)) : 0;
  sharedSlots = sharedSlots.map((s) => Math.min(s, sharedPool));
  const uniqueCount = counts.map((c, i) => c - (sharedSlots[i] as number));
  const uniqueStart: number[] = [];
  let u = 0;
  for (const n of uniqueCount) {
    uniqueStart.push(u);
    u += n;
  }
  return { counts: [...counts], uniqueStart, uniqueCount, sharedCount: sharedSlots, uniqueTotal: u, sharedPool };
}

/** A shared person's account creation time: the same in every organization they are in. */
function sharedCreated(seed: string, j: number): number {
  return Math.floor(START_MS + rngFor(seed, "shared", j).next() * (END_MS - START_MS));
}

function assignRoles(rng: Rng, n: number): Uint8Array {
  const role = new Uint8Array(n);
  if (n === 0) return role;
  for (let i = 1; i < n; i++) role[i] = rng.weighted(WEIGHTED_ROLES, WEIGHTS);
  // The earliest member founded the organization. Organizations of a dozen or more hold every
  // other role at least once, so any tree beyond a toy one shows all nine.
  role[0] = PRIMARY_OWNER;
  if (n >= 12) rng.sample(n - 1, OTHER_ROLES.length).forEach((p, i) => (role[p + 1] = OTHER_ROLES[i] as number));
  return role;
}

export function buildRoster(seed: string, orgIndex: number, plan: MembershipPlan, orgCreatedMs: number): Roster {
  const rng = rngFor(seed, "roster", orgIndex);
  const n = plan.counts[orgIndex] as number;
  const u = plan.uniqueCount[orgIndex] as number;
  const start = plan.uniqueStart[orgIndex] as number;
  const persons = new Int32Array(n);
  const times = new Float64Array(n);
  for (let i = 0; i < u; i++) {
    persons[i] = start + i;
    times[i] = Math.floor(orgCreatedMs + rng.next() * (END_MS - orgCreatedMs));
  }
  const shared = rng.sample(plan.sharedPool, plan.sharedCount[orgIndex] as number);
  shared.forEach((j, k) => {
    persons[u + k] = plan.uniqueTotal + j;
    times[u + k] = sharedCreated(seed, j);
  });

  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (times[a] as number) - (times[b] as number) || (persons[a] as number) - (persons[b] as number),
  );
  const roster: Roster = { person: new Int32Array(n), created: new Float64Array(n), role: assignRoles(rng, n) };
  order.forEach((from, to) => {
    roster.person[to] = persons[from] as number;
    roster.created[to] = times[from] as number;
  });
  return roster;
}

export const roleName = (index: number) => ORGANIZATION_ROLES[index] as (typeof ORGANIZATION_ROLES)[number];
