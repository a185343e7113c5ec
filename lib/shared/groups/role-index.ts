import type { Group, Organization, Role } from "@/lib/shared/compliance/schemas";

/*
 * Groups are parent-wide and name their roles by id only; roles are listed per organization.
 * Resolving a group's roles therefore needs every organization's roles, and a role id no loaded
 * organization knows stays visible as its raw id (never dropped: the grant is still real).
 */

export interface IndexedRole {
  role: Role;
  orgUuid: string;
  orgName: string;
}

export type RoleIndex = ReadonlyMap<string, IndexedRole>;

export function buildRoleIndex(perOrg: Iterable<{ organization: Pick<Organization, "uuid" | "name">; roles: readonly Role[] }>): RoleIndex {
  const index = new Map<string, IndexedRole>();
  for (const { organization, roles } of perOrg) {
    for (const role of roles) {
      if (!index.has(role.id)) index.set(role.id, { role, orgUuid: organization.uuid, orgName: organization.name });
    }
  }
  return index;
}

export type ResolvedRole =
  | { id: string; resolved: true; name: string; orgUuid: string; orgName: string }
  | { id: string; resolved: false };

export function resolveGroupRoles(group: Pick<Group, "roles">, index: RoleIndex): ResolvedRole[] {
  return (group.roles ?? []).map((id) => {
    const hit = index.get(id);
    return hit
      ? { id, resolved: true, name: hit.role.name, orgUuid: hit.orgUuid, orgName: hit.orgName }
      : { id, resolved: false };
  });
}

/** The groups whose `roles` array names this role: the groups that grant it. */
export function groupsGrantingRole<G extends Pick<Group, "roles">>(groups: readonly G[], roleId: string): G[] {
  return groups.filter((g) => g.roles?.includes(roleId) ?? false);
}

/** Text a role column can be searched and sorted by: names where known, raw ids otherwise. */
export function roleNamesText(roles: readonly ResolvedRole[]): string {
  return roles.map((r) => (r.resolved ? r.name : r.id)).join(", ");
}
