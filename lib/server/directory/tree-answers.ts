import "server-only";
import { OVERVIEW_SETTINGS, type StoredGroupMembers, type StoredOverview, type StoredRoles, type StoredSettings } from "@/lib/shared/directory/tree-wire";
import type { Directory } from "@/lib/shared/directory/types";
import { groupMemberRows } from "./group-members";
import { perDirectory } from "./per-directory";

/*
 * The whole-tree answers (lib/shared/directory/tree-wire.ts) from one sync's directory, each built
 * once per directory. The Overview's counts are counted as the upstream's own lists would give them:
 * an organization's users are its user list, its roles its role list, and its groups those holding
 * one of its roles (groups are parent-wide; a role id no organization lists counts for none).
 */

const syncRefOf = (directory: Directory) => (directory.sync ? { id: directory.sync.id, finishedAt: directory.sync.finishedAt } : null);

const SUMMARISED: ReadonlySet<string> = new Set(Object.values(OVERVIEW_SETTINGS));

export const organizationOverview = perDirectory("organization-overview", (directory: Directory): StoredOverview => {
  const users = new Map<string, number>();
  let uniqueUsers = 0;
  let memberships = 0;
  for (const person of directory.people) {
    if (person.memberships.length > 0) uniqueUsers++;
    for (const m of person.memberships) users.set(m.organization.uuid, (users.get(m.organization.uuid) ?? 0) + 1);
    memberships += person.memberships.length;
  }

  const groups = new Map<string, number>();
  for (const { group } of directory.groups) {
    const holders = new Set((directory.groupRoles.get(group.id) ?? []).map((r) => r.organization.uuid));
    for (const uuid of holders) groups.set(uuid, (groups.get(uuid) ?? 0) + 1);
  }

  return {
    source: "store",
    sync: syncRefOf(directory),
    uniqueUsers,
    memberships,
    groups: directory.groups.length,
    organizations: directory.organizations.map((o) => {
      const settings = directory.settingsByOrganization?.get(o.uuid);
      return {
        uuid: o.uuid,
        name: o.name,
        created_at: o.created_at,
        users: users.get(o.uuid) ?? 0,
        roles: directory.rolesByOrganization.get(o.uuid)?.length ?? 0,
        groups: groups.get(o.uuid) ?? 0,
        settings: settings ? settings.settings.filter((s) => SUMMARISED.has(s.name)) : null,
      };
    }),
  };
});

/** Every organization's effective settings as the sync read them, for the settings comparison. */
export const organizationsSettings = perDirectory(
  "organizations-settings",
  (directory: Directory): StoredSettings => ({
    source: "store",
    sync: syncRefOf(directory),
    organizations: directory.organizations.map((o) => ({ uuid: o.uuid, name: o.name, settings: directory.settingsByOrganization?.get(o.uuid) ?? null })),
  }),
);

/** Every organization's roles, for naming the roles groups grant. */
export const organizationsRoles = perDirectory(
  "organizations-roles",
  (directory: Directory): StoredRoles => ({
    source: "store",
    sync: syncRefOf(directory),
    organizations: directory.organizations.map((o) => ({ uuid: o.uuid, name: o.name, created_at: o.created_at, roles: directory.rolesByOrganization.get(o.uuid) ?? [] })),
  }),
);

/** Every group's member count. */
export const groupSizes = perDirectory("group-sizes", (directory: Directory) => ({
  source: "store" as const,
  sync: syncRefOf(directory),
  members: directory.groups.map((g): [string, number] => [g.group.id, g.members.length]),
}));

/** One group with its members joined to names and organizations; undefined when the directory has no such group. */
export function groupMembersJoined(directory: Directory, groupId: string): StoredGroupMembers | undefined {
  const group = directory.groupsById.get(groupId);
  const members = groupMemberRows(directory, groupId);
  if (!group || !members) return undefined;
  return { source: "store", sync: syncRefOf(directory), group: group.group, members };
}
