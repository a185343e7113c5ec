import "server-only";
import { joinMembers, type DirectoryPerson, type MemberRow } from "@/lib/shared/groups/member-directory";
import type { Directory, Person } from "@/lib/shared/directory/types";

/*
 * A group's members with the names and organizations the members list lacks, joined from a sync's
 * directory: the join the group page makes from every organization's users list
 * (lib/shared/groups/member-directory.ts), looked up in the directory's people instead of rebuilt.
 */

/** The person as the organization users lists give them; none for someone no organization lists. */
function listedPerson(person: Person): DirectoryPerson | undefined {
  if (person.memberships.length === 0) return undefined;
  return {
    userId: person.id,
    fullName: person.fullName,
    email: person.email,
    memberships: person.memberships.map((m) => ({ orgUuid: m.organization.uuid, orgName: m.organization.name, organizationRole: m.organizationRole })),
  };
}

/** The group's member rows; undefined when the directory has no such group. */
export function groupMemberRows(directory: Directory, groupId: string): MemberRow[] | undefined {
  const group = directory.groupsById.get(groupId);
  if (!group) return undefined;
  return joinMembers(group.members, {
    get: (userId) => {
      const person = directory.peopleById.get(userId);
      return person ? listedPerson(person) : undefined;
    },
  });
}
