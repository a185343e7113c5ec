import { perDirectory } from "./per-directory";
import type { Directory, Person } from "@/lib/shared/directory/types";

/*
 * Who holds what, per person, as compact codes: every RBAC role and permission action is numbered
 * once per directory (the catalog), and a person carries only the numbers. 150,000 people with a
 * few group → role paths each then cost a few bytes apiece on the wire, and the browser facets on
 * values it never has to derive. Organization roles need no index: they are in the memberships.
 */

export interface AccessCatalogRole {
  id: string;
  name: string;
  organization_uuid: string;
  /** Indexes into the catalog's actions: what this role's permissions allow (each action once). */
  actions: number[];
}

export interface AccessCatalog {
  roles: AccessCatalogRole[];
  /** Permission actions (`chats:export`), sorted. */
  actions: string[];
}

export interface PersonAccess {
  /** [catalog group index, catalog role index]: each group → role path that gives this person a role. */
  grants: [number, number][];
  /** Catalog role indexes, each once, ascending. */
  roles: number[];
  /** Catalog action indexes the roles' permissions allow, each once, ascending. */
  actions: number[];
}

export interface AccessIndex {
  catalog: AccessCatalog;
  access(person: Person): PersonAccess;
}


const roleKey = (orgUuid: string, roleId: string) => `${orgUuid}/${roleId}`;

function buildAccessIndex(directory: Directory): AccessIndex {
  const roleRefs = directory.organizations.flatMap((o) => (directory.rolesByOrganization.get(o.uuid) ?? []).map((role) => ({ role, org: o.uuid })));
  const actionSet = new Set<string>();
  for (const { role, org } of roleRefs) for (const p of directory.permissionsByRole?.get(roleKey(org, role.id)) ?? []) actionSet.add(p.action);
  const actions = [...actionSet].sort();
  const actionIndex = new Map(actions.map((a, i) => [a, i]));

  const roleIndex = new Map<string, number>();
  const roles: AccessCatalogRole[] = roleRefs.map(({ role, org }, i) => {
    roleIndex.set(roleKey(org, role.id), i);
    const own = new Set<number>();
    for (const p of directory.permissionsByRole?.get(roleKey(org, role.id)) ?? []) own.add(actionIndex.get(p.action)!);
    return { id: role.id, name: role.name, organization_uuid: org, actions: [...own].sort((a, b) => a - b) };
  });

  const groupIndex = new Map(directory.groups.map((g, i) => [g.group.id, i]));
  // Per group once: the role indexes it grants (roles no organization lists are left out, as on the person page).
  const rolesOfGroup = new Map<string, number[]>();
  for (const { group } of directory.groups) {
    const granted = (directory.groupRoles.get(group.id) ?? []).flatMap(({ role, organization }) => {
      const i = roleIndex.get(roleKey(organization.uuid, role.id));
      return i === undefined ? [] : [i];
    });
    rolesOfGroup.set(group.id, granted);
  }

  return {
    catalog: { roles, actions },
    access(person) {
      const grants: [number, number][] = [];
      const roleSet = new Set<number>();
      for (const { group } of person.groups) {
        const gi = groupIndex.get(group.id);
        if (gi === undefined) continue;
        for (const ri of rolesOfGroup.get(group.id) ?? []) {
          grants.push([gi, ri]);
          roleSet.add(ri);
        }
      }
      const personRoles = [...roleSet].sort((a, b) => a - b);
      const actionSetOf = new Set<number>();
      for (const ri of personRoles) for (const ai of roles[ri]!.actions) actionSetOf.add(ai);
      return { grants, roles: personRoles, actions: [...actionSetOf].sort((a, b) => a - b) };
    },
  };
}

/** The directory's access index, built once per Directory (directories are immutable once built). */
export const accessIndexOf: (directory: Directory) => AccessIndex = perDirectory("people-access-index", buildAccessIndex);
