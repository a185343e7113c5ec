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

/** The join at once. */
export function joinDirectory(w: WalkedDirectory): Directory {
  return runNow(joinSteps(w));
}

/** The join as steps (time-slices.ts): a directory read from the store after a sync is joined in slices. */
export function* joinSteps(w: WalkedDirectory): Steps<Directory> {
  const organizations = uniqueBy(w.organizations, (o) => o.uuid);
  const organizationsByUuid = new Map(organizations.map((o) => [o.uuid, o]));

  const people: Person[] = [];
  const peopleById = new Map<string, Person>();
  let memberships = 0;

  for (const organization of organizations) {
    const users = uniqueBy(w.usersByOrganization.get(organization.uuid) ?? [], (u) => u.id);
    for (const user of users) {
      let person = peopleById.get(user.id);
      if (!person) {
        person = { id: user.id, email: user.email, fullName: user.full_name, memberships: [], groups: [] };
        peopleById.set(user.id, person);
        people.push(person);
      }
      person.memberships.push({ organization, organizationRole: user.organization_role, joinedAt: user.created_at, user });
      // An organization of 50,000 users is more than one slice's work.
      if (++memberships % CHECKPOINT_EVERY === 0) yield;
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
  let groupMemberships = 0;
  let peopleOutsideOrganizations = 0;

  for (const group of uniqueBy(w.groups, (g) => g.id)) {
    const members = uniqueBy(w.membersByGroup.get(group.id) ?? [], (m) => m.user_id);
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

    for (const member of members) {
      let person = peopleById.get(member.user_id);
      if (!person) {
        // In a group yet listed by no organization: kept, because that access is what a review is for.
        person = { id: member.user_id, email: member.email, fullName: "", memberships: [], groups: [] };
        peopleById.set(member.user_id, person);
        people.push(person);
        peopleOutsideOrganizations++;
      }
      person.groups.push({ group, member });
      if (++groupMemberships % CHECKPOINT_EVERY === 0) yield;
    }
    yield;
  }

  const peopleByEmail = new Map<string, Person[]>();
  for (const [i, person] of people.entries()) {
    if (i % CHECKPOINT_EVERY === 0) yield;
    const emails = new Set<string>([normalizeEmail(person.email)]);
    for (const m of person.memberships) emails.add(normalizeEmail(m.user.email));
    for (const g of person.groups) emails.add(normalizeEmail(g.member.email));
    for (const email of emails) {
      if (!email) continue;
      const list = peopleByEmail.get(email);
      if (list) list.push(person);
      else peopleByEmail.set(email, [person]);
    }
  }

  return {
    builtAt: w.builtAt,
    startedAt: w.startedAt,
    organizations,
    organizationsByUuid,
    people,
    peopleById,
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
      people: people.length,
      memberships,
      groups: groups.length,
      groupMemberships,
      roles: rolesById.size,
      peopleOutsideOrganizations,
    },
  };
}
