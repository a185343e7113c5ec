import "server-only";
import type { Group, GroupMember, Organization, Role, User } from "@/lib/shared/compliance/schemas";
import { normalizeEmail } from "@/lib/shared/directory/entries";
import type { Directory, DirectoryGroup, DirectoryRole, Person } from "@/lib/shared/directory/types";
import { CHECKPOINT_EVERY, runNow, type Steps } from "./time-slices";

/*
 * The join: walked lists in, one indexed Directory out. Pure (synchronous, or in slices), so the indexes can be
 * checked without a network, and the order of the result does not depend on which walk finished
 * first: organizations in the upstream's order, people by first appearance in that order.
 */

export interface WalkedDirectory {
  organizations: Organization[];
  usersByOrganization: Map<string, User[]>;
  rolesByOrganization: Map<string, Role[]>;
  groups: Group[];
  membersByGroup: Map<string, GroupMember[]>;
  startedAt: number;
  builtAt: number;
  pages: number;
}

/** Keeps the first record for each key: a repeated row across pages must not count twice. */
function uniqueBy<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(row);
  }
  return out;
}

/*
 * The join's loops, a slice of a list each: plain functions called once a slice rather than loops
 * in the generator (V8 optimises a function called again and again), and no set of ids per
 * organization or per person. The join of the bench's 200,000 memberships read from a kept copy,
 * the first in a process as after a restart: 694 to 778 ms (mean 745) before, 539 to 710 ms
 * (mean 657) after, six processes each.
 */

/** People in order of first appearance, and by id. */
interface People {
  list: Person[];
  byId: Map<string, Person>;
}

/** `users[from, to)` as memberships of `organization`; answers how many were added. */
function addMemberships(people: People, organization: Organization, users: readonly User[], from: number, to: number): number {
  let added = 0;
  for (let i = from; i < to; i++) {
    const user = users[i]!;
    let person = people.byId.get(user.id);
    if (!person) {
      person = { id: user.id, email: user.email, fullName: user.full_name, memberships: [], groups: [] };
      people.byId.set(user.id, person);
      people.list.push(person);
    } else if (person.memberships[person.memberships.length - 1]?.organization === organization) {
      // Listed twice by this organization (a row repeated across pages): the first record stands.
      // Memberships are added organization by organization, so an earlier one here is the last.
      continue;
    }
    person.memberships.push({ organization, organizationRole: user.organization_role, joinedAt: user.created_at, user });
    added++;
  }
  return added;
}

/** `listed[from, to)` as members of `entry`'s group; answers how many were added. */
function addGroupMembers(people: People, entry: DirectoryGroup, listed: readonly GroupMember[], from: number, to: number): number {
  const { group, members } = entry;
  let added = 0;
  for (let i = from; i < to; i++) {
    const member = listed[i]!;
    let person = people.byId.get(member.user_id);
    if (!person) {
      // In a group yet listed by no organization: kept, because that access is what a review is for.
      person = { id: member.user_id, email: member.email, fullName: "", memberships: [], groups: [] };
      people.byId.set(member.user_id, person);
      people.list.push(person);
    } else if (person.groups[person.groups.length - 1]?.group === group) {
      // Listed twice by this group: the first record stands (as for an organization's users).
      continue;
    }
    members.push(member);
    person.groups.push({ group, member });
    added++;
  }
  return added;
}

/** Every email `people[from, to)` are listed under (trimmed, lower case), each once per person. */
function addEmails(peopleByEmail: Map<string, Person[]>, people: readonly Person[], from: number, to: number): void {
  // Nearly everyone has one email: a short array searched in place, not a set per person.
  const emails: string[] = [];
  for (let i = from; i < to; i++) {
    const person = people[i]!;
    emails.length = 0;
    emails.push(normalizeEmail(person.email));
    for (const m of person.memberships) {
      const email = normalizeEmail(m.user.email);
      if (!emails.includes(email)) emails.push(email);
    }
    for (const g of person.groups) {
      const email = normalizeEmail(g.member.email);
      if (!emails.includes(email)) emails.push(email);
    }
    for (const email of emails) {
      if (!email) continue;
      const list = peopleByEmail.get(email);
      if (list) list.push(person);
      else peopleByEmail.set(email, [person]);
    }
  }
}

/** The join at once. */
export function joinDirectory(w: WalkedDirectory): Directory {
  return runNow(joinSteps(w));
}

/** The join as steps (time-slices.ts): a directory read from the store after a sync is joined in slices. */
export function* joinSteps(w: WalkedDirectory): Steps<Directory> {
  const organizations = uniqueBy(w.organizations, (o) => o.uuid);
  const organizationsByUuid = new Map(organizations.map((o) => [o.uuid, o]));

  const people: People = { list: [], byId: new Map() };
  let memberships = 0;

  for (const organization of organizations) {
    const users = w.usersByOrganization.get(organization.uuid) ?? [];
    // An organization of 50,000 users is more than one slice's work.
    for (let from = 0; from < users.length; from += CHECKPOINT_EVERY) {
      memberships += addMemberships(people, organization, users, from, Math.min(users.length, from + CHECKPOINT_EVERY));
      yield;
    }
    yield;
  }

  const rolesById = new Map<string, DirectoryRole>();
  const rolesByOrganization = new Map<string, Role[]>();
  for (const organization of organizations) {
    const roles = uniqueBy(w.rolesByOrganization.get(organization.uuid) ?? [], (r) => r.id);
    rolesByOrganization.set(organization.uuid, roles);
    for (const role of roles) if (!rolesById.has(role.id)) rolesById.set(role.id, { role, organization });
  }

  const groups: DirectoryGroup[] = [];
  const groupsById = new Map<string, DirectoryGroup>();
  const groupRoles = new Map<string, DirectoryRole[]>();
  const unknownRoleIds = new Map<string, string[]>();
  const inOrganizations = people.list.length;
  let groupMemberships = 0;

  for (const group of uniqueBy(w.groups, (g) => g.id)) {
    const members: GroupMember[] = [];
    const entry: DirectoryGroup = { group, members };
    groups.push(entry);
    groupsById.set(group.id, entry);

    const granted: DirectoryRole[] = [];
    const unknown: string[] = [];
    for (const roleId of group.roles ?? []) {
      const r = rolesById.get(roleId);
      if (r) granted.push(r);
      else unknown.push(roleId);
    }
    groupRoles.set(group.id, granted);
    if (unknown.length) unknownRoleIds.set(group.id, unknown);

    const listed = w.membersByGroup.get(group.id) ?? [];
    for (let from = 0; from < listed.length; from += CHECKPOINT_EVERY) {
      groupMemberships += addGroupMembers(people, entry, listed, from, Math.min(listed.length, from + CHECKPOINT_EVERY));
      yield;
    }
    yield;
  }

  const peopleByEmail = new Map<string, Person[]>();
  for (let from = 0; from < people.list.length; from += CHECKPOINT_EVERY) {
    addEmails(peopleByEmail, people.list, from, Math.min(people.list.length, from + CHECKPOINT_EVERY));
    yield;
  }

  return {
    builtAt: w.builtAt,
    startedAt: w.startedAt,
    organizations,
    organizationsByUuid,
    people: people.list,
    peopleById: people.byId,
    peopleByEmail,
    groups,
    groupsById,
    rolesById,
    rolesByOrganization,
    groupRoles,
    unknownRoleIds,
    pages: w.pages,
    counts: {
      organizations: organizations.length,
      people: people.list.length,
      memberships,
      groups: groups.length,
      groupMemberships,
      roles: rolesById.size,
      peopleOutsideOrganizations: people.list.length - inOrganizations,
    },
  };
}
