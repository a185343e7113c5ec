import "server-only";
import type { Directory, Person } from "./types";
import type { CatalogLine, PersonRow } from "./wire";

/** A person as one row of the People table: ids only, names come once in the catalog line. */
export function personRow(person: Person): PersonRow {
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
  };
}

export function catalogLine(directory: Directory): CatalogLine {
  return {
    type: "catalog",
    organizations: directory.organizations.map((o) => ({ uuid: o.uuid, name: o.name, created_at: o.created_at })),
    groups: directory.groups.map(({ group }) => ({ id: group.id, name: group.name, source_type: group.source_type })),
  };
}
