import "server-only";
import { processWide } from "@/lib/server/process-wide";
import type { ComplianceRequest } from "@/lib/shared/compliance/endpoints";
import type { User } from "@/lib/shared/compliance/schemas";
import type { Directory } from "@/lib/shared/directory/types";

/*
 * What the upstream would have answered for one request, read from a sync's Directory instead:
 * the records exactly as the sync stored them (unknown fields kept), in the upstream's order.
 * Lists come back whole; the route cuts them into pages.
 */

export type StoreRecords =
  | { kind: "list"; rows: readonly unknown[] }
  | { kind: "record"; record: unknown }
  | { kind: "not_found"; message: string };

const usersIndex = processWide("store-records-users", () => new WeakMap<Directory, Map<string, User[]>>());

/** Each organization's users as its own list named them, by join date then id (the sync's order). */
function usersOf(directory: Directory, orgUuid: string): User[] {
  let index = usersIndex.get(directory);
  if (!index) {
    index = new Map();
    for (const person of directory.people) {
      for (const m of person.memberships) {
        const list = index.get(m.organization.uuid);
        if (list) list.push(m.user);
        else index.set(m.organization.uuid, [m.user]);
      }
    }
    for (const list of index.values()) {
      list.sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    usersIndex.set(directory, index);
  }
  return index.get(orgUuid) ?? [];
}

const when = (d: Directory) => (d.sync ? `the sync of ${d.sync.finishedAt}` : "this sync");

/** What to tell an officer who asked for a group the sync does not hold. */
export const missingGroupMessage = (directory: Directory, groupId: string) =>
  `No group ${groupId} in the directory as of ${when(directory)}. Check the id on the Groups page, or start a sync if it was added since.`;

export function storeRecords(directory: Directory, req: ComplianceRequest): StoreRecords {
  const missingOrg = (uuid: string): StoreRecords => ({
    kind: "not_found",
    message: `No organization ${uuid} in the directory as of ${when(directory)}. Check the uuid on the Organizations page, or start a sync if it was added since.`,
  });
  const missingRole = (uuid: string, roleId: string): StoreRecords => ({
    kind: "not_found",
    message: `Organization ${uuid} had no role ${roleId} as of ${when(directory)}. Check the id on the organization's Roles page.`,
  });
  const missingGroup = (groupId: string): StoreRecords => ({ kind: "not_found", message: missingGroupMessage(directory, groupId) });
  const roleOf = (uuid: string, roleId: string) => directory.rolesByOrganization.get(uuid)?.find((r) => r.id === roleId);

  switch (req.endpoint) {
    case "organizations":
      return { kind: "list", rows: directory.organizations };
    case "organizationUsers":
      if (!directory.organizationsByUuid.has(req.orgUuid)) return missingOrg(req.orgUuid);
      return { kind: "list", rows: usersOf(directory, req.orgUuid) };
    case "roles":
      if (!directory.organizationsByUuid.has(req.orgUuid)) return missingOrg(req.orgUuid);
      return { kind: "list", rows: directory.rolesByOrganization.get(req.orgUuid) ?? [] };
    case "role": {
      if (!directory.organizationsByUuid.has(req.orgUuid)) return missingOrg(req.orgUuid);
      const role = roleOf(req.orgUuid, req.roleId);
      return role ? { kind: "record", record: role } : missingRole(req.orgUuid, req.roleId);
    }
    case "rolePermissions":
      if (!directory.organizationsByUuid.has(req.orgUuid)) return missingOrg(req.orgUuid);
      if (!roleOf(req.orgUuid, req.roleId)) return missingRole(req.orgUuid, req.roleId);
      return { kind: "list", rows: directory.permissionsByRole?.get(`${req.orgUuid}/${req.roleId}`) ?? [] };
    case "organizationSettings": {
      if (!directory.organizationsByUuid.has(req.orgUuid)) return missingOrg(req.orgUuid);
      const settings = directory.settingsByOrganization?.get(req.orgUuid);
      return settings
        ? { kind: "record", record: settings }
        : { kind: "not_found", message: `No settings for organization ${req.orgUuid} in ${when(directory)}. Start a sync to read them.` };
    }
    case "groups": {
      const prefix = req.query.name_prefix;
      // Case-sensitive, as the upstream's name_prefix.
      const groups = directory.groups.map((g) => g.group);
      return { kind: "list", rows: prefix === undefined ? groups : groups.filter((g) => g.name.startsWith(prefix)) };
    }
    case "group": {
      const g = directory.groupsById.get(req.groupId);
      return g ? { kind: "record", record: g.group } : missingGroup(req.groupId);
    }
    case "groupMembers": {
      const g = directory.groupsById.get(req.groupId);
      return g ? { kind: "list", rows: g.members } : missingGroup(req.groupId);
    }
  }
}
