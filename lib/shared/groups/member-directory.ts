import { z } from "zod";
import type { GroupMember, Organization, User } from "@/lib/shared/compliance/schemas";

/*
 * Group members carry a user id and an email but no name (API.md); names and organizations come
 * from the organization users lists. The same person can belong to several organizations, so one
 * user id maps to every membership found.
 */

export const membershipSchema = z.object({ orgUuid: z.string(), orgName: z.string(), organizationRole: z.string() });
export type Membership = z.infer<typeof membershipSchema>;

export interface DirectoryPerson {
  userId: string;
  fullName: string;
  email: string;
  memberships: Membership[];
}

export type UserDirectory = ReadonlyMap<string, DirectoryPerson>;

export function buildUserDirectory(perOrg: Iterable<{ organization: Pick<Organization, "uuid" | "name">; users: readonly User[] }>): UserDirectory {
  const people = new Map<string, DirectoryPerson>();
  for (const { organization, users } of perOrg) {
    for (const u of users) {
      let person = people.get(u.id);
      if (!person) {
        person = { userId: u.id, fullName: u.full_name, email: u.email, memberships: [] };
        people.set(u.id, person);
      }
      person.memberships.push({ orgUuid: organization.uuid, orgName: organization.name, organizationRole: u.organization_role });
    }
  }
  return people;
}

/** A group member with what the organization users lists say of them (GET /api/directory/group-members/{id} sends these). */
export const memberRowSchema = z.object({
  userId: z.string(),
  email: z.string(),
  /** undefined while unknown: the person is in no organization users list (yet). */
  fullName: z.string().optional(),
  memberships: z.array(membershipSchema),
  /** Membership times in the group. */
  addedAt: z.string().nullable().optional(),
  updatedAt: z.string().nullable().optional(),
});
export type MemberRow = z.infer<typeof memberRowSchema>;

/** `directory`: the people by user id, as built here or looked up in a sync's joined directory. */
export function joinMembers(members: readonly GroupMember[], directory: Pick<UserDirectory, "get">): MemberRow[] {
  return members.map((m) => {
    const person = directory.get(m.user_id);
    return {
      userId: m.user_id,
      email: m.email,
      fullName: person?.fullName,
      memberships: person?.memberships ?? [],
      addedAt: m.created_at ?? null,
      updatedAt: m.updated_at ?? null,
    };
  });
}

export const MEMBERS_CSV_HEADER = [
  "user_id",
  "email",
  "full_name",
  "organization_uuids",
  "organization_names",
  "organization_roles",
  "added_at",
] as const;

/** One CSV record per member; multi-organization cells joined with "; " in the same order. */
export function memberCsvRecord(row: MemberRow): string[] {
  return [
    row.userId,
    row.email,
    row.fullName ?? "",
    row.memberships.map((m) => m.orgUuid).join("; "),
    row.memberships.map((m) => m.orgName).join("; "),
    row.memberships.map((m) => m.organizationRole).join("; "),
    row.addedAt ?? "",
  ];
}
