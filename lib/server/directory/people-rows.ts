import "server-only";
import { accessIndexOf } from "./people-access";
import type { Directory, Person } from "@/lib/shared/directory/types";
import type { CatalogLine, PersonRow } from "@/lib/shared/directory/wire";

/*
 * A person as one row of the People table: ids and catalog positions only; names come once in the
 * catalog line. What a person holds through groups (roles, permission actions, each group → role
 * path) is computed here, on the server, once per person (lib/server/directory/people-access.ts).
 */
export function personRow(person: Person, directory: Directory): PersonRow {
  const { grants, roles, actions } = accessIndexOf(directory).access(person);
  return {
    id: person.id,
    email: person.email,
    full_name: person.fullName,
    memberships: person.memberships.map((m) => ({
      organization_uuid: m.organization.uuid,
      organization_role: m.organizationRole,
      joined_at: m.joinedAt,
    })),
    group_ids: person.groups.map((g) => g.group.id),
    grants,
    roles,
    actions,
  };
}

export function catalogLine(directory: Directory): CatalogLine {
  const { roles, actions } = accessIndexOf(directory).catalog;
  return {
    type: "catalog",
    organizations: directory.organizations.map((o) => ({ uuid: o.uuid, name: o.name, created_at: o.created_at })),
    groups: directory.groups.map(({ group }) => ({ id: group.id, name: group.name, source_type: group.source_type })),
    roles,
    actions,
  };
}
