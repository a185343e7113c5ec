import "server-only";
import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, Setting, User } from "@/lib/shared/compliance/schemas";
import { joinSteps } from "@/lib/server/directory/join";
import { runInSlices, sliceBreather } from "@/lib/server/directory/time-slices";
import type { Directory } from "@/lib/shared/directory/types";
import type { Database } from "@/lib/server/store/database";
import type { SyncRecord } from "@/lib/server/store/syncs";

/*
 * The directory as it stood in one complete sync, rebuilt from the facts true at that sync and
 * joined exactly as a walk's result is (lib/server/directory/join.ts), so every page and route reads the
 * same indexed Directory whether it came from a walk or from the store. Orders are the upstream's:
 * organizations by creation, users by join date, roles built-ins first, groups and members by
 * creation; ties by id, so the same sync always reads back in the same order.
 */

/** The contents of every fact of one kind in one scope (an organization's users, a group's members...). */
export interface FactList {
  kind: string;
  scope: string;
  items: Record<string, unknown>[];
}

const time = (v: unknown): string => (typeof v === "string" ? v : "");

function byCreation<T>(id: (x: T) => string, created: (x: T) => unknown) {
  return (a: T, b: T) => {
    const ta = time(created(a));
    const tb = time(created(b));
    // Built-in roles and undated records come first, as the upstream lists them.
    if (ta !== tb) return ta < tb ? -1 : 1;
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  };
}

export async function directoryOfSync(database: Database, sync: SyncRecord): Promise<Directory> {
  return directoryOfFactLists(await factListsOfSync(database, sync), sync);
}

/** The facts true at one sync, read from the store as one list per kind and scope. */
export async function factListsOfSync(database: Database, sync: SyncRecord): Promise<FactList[]> {
  // One row per kind and scope, its records aggregated as JSON text: a quarter of a million rows
  // cross the driver as a few thousand, and JSON.parse reads each array at native speed.
  const rows = await database.query<{ kind: string; scope: string; items: string }>(
    `select kind, scope, json_agg(content)::text as items from directory_facts
     where from_seq <= $1 and (to_seq is null or to_seq > $1) group by kind, scope`,
    [sync.seq],
  );
  const breather = sliceBreather();
  const lists: FactList[] = [];
  for (const row of rows) {
    await breather();
    lists.push({ kind: row.kind, scope: row.scope, items: JSON.parse(row.items) as FactList["items"] });
  }
  return lists;
}

/**
 * The directory of one sync from its fact lists (read from the store, or from the kept copy in
 * directory-cache.ts). The lists' arrays become the directory's, sorted in place.
 */
export async function directoryOfFactLists(factLists: readonly FactList[], sync: SyncRecord): Promise<Directory> {
  const organizations: Organization[] = [];
  const groups: Group[] = [];
  const usersByOrganization = new Map<string, User[]>();
  const rolesByOrganization = new Map<string, Role[]>();
  const membersByGroup = new Map<string, GroupMember[]>();
  const permissionsByRole = new Map<string, Permission[]>();
  const settingsRecords = new Map<string, Record<string, unknown>>();
  const settingsByOrg = new Map<string, Setting[]>();

  // One list per kind and scope (the query groups them so); parent-wide kinds have one scope.
  const scopedLists: Record<string, Map<string, unknown[]>> = {
    member: usersByOrganization,
    role: rolesByOrganization,
    permission: permissionsByRole,
    group_member: membersByGroup,
    setting: settingsByOrg,
  };
  const parentLists: Record<string, unknown[]> = { organization: organizations, group: groups };
  // Sorting and joining 200,000 memberships would hold the event loop for seconds: in slices.
  const breather = sliceBreather();
  for (const g of factLists) {
    const items = g.items;
    const parentList = parentLists[g.kind];
    if (parentList) for (const c of items) parentList.push(c);
    else if (g.kind === "settings") for (const c of items) settingsRecords.set(g.scope, c);
    else scopedLists[g.kind]?.set(g.scope, items);
    // group_role facts are the change history of `group.roles`; the group record carries them.
  }

  organizations.sort(byCreation((o) => o.uuid, (o) => o.created_at));
  groups.sort(byCreation((g) => g.id, (g) => g.created_at));
  for (const list of usersByOrganization.values()) {
    list.sort(byCreation((u) => u.id, (u) => u.created_at));
    await breather();
  }
  for (const list of rolesByOrganization.values()) list.sort(byCreation((r) => r.id, (r) => r.created_at));
  for (const list of membersByGroup.values()) {
    list.sort(byCreation((m) => m.user_id, (m) => m.created_at));
    await breather();
  }
  for (const list of permissionsByRole.values()) {
    list.sort((a, b) => `${a.action}\u0000${a.resource_type}\u0000${a.resource_id}`.localeCompare(`${b.action}\u0000${b.resource_type}\u0000${b.resource_id}`));
    await breather();
  }

  const settingsByOrganization = new Map<string, EffectiveSettings>();
  for (const [org, record] of settingsRecords) {
    const settings = (settingsByOrg.get(org) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    settingsByOrganization.set(org, { ...(record as Omit<EffectiveSettings, "settings">), settings } as EffectiveSettings);
  }

  const directory = await runInSlices(joinSteps({
    organizations,
    usersByOrganization,
    rolesByOrganization,
    groups,
    membersByGroup,
    startedAt: sync.startedAt.getTime(),
    builtAt: (sync.finishedAt ?? sync.startedAt).getTime(),
    pages: sync.upstreamCalls,
  }));
  directory.sync = {
    id: sync.id,
    seq: sync.seq,
    startedAt: sync.startedAt.toISOString(),
    finishedAt: (sync.finishedAt ?? sync.startedAt).toISOString(),
  };
  directory.permissionsByRole = permissionsByRole;
  directory.settingsByOrganization = settingsByOrganization;
  return directory;
}
