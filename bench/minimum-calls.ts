import type { Directory } from "@/lib/tools/simulator/directory";

/*
 * The fewest upstream calls that can list a tree at limit=1000, computed from the simulator's own
 * directory (not from what the client did): every list costs ceil(rows / 1000) pages, and an
 * empty list still costs one.
 */

export const PAGE = 1000;
const pages = (rows: number) => Math.max(1, Math.ceil(rows / PAGE));

export interface MinimumCalls {
  organizations: number;
  users: number;
  roles: number;
  groups: number;
  members: number;
  total: number;
  rows: { organizations: number; memberships: number; roles: number; groups: number; groupMemberships: number };
}

export function minimumDirectoryCalls(d: Directory): MinimumCalls {
  let users = 0;
  let roles = 0;
  let roleRows = 0;
  for (const o of d.organizations) {
    users += pages(d.userCountOf(o.uuid));
    const n = d.rolesOf(o.uuid).length;
    roleRows += n;
    roles += pages(n);
  }
  let members = 0;
  let memberRows = 0;
  for (const g of d.groups) {
    const n = d.membersOf(g.id).length;
    memberRows += n;
    members += pages(n);
  }
  const organizations = pages(d.organizations.length);
  const groups = pages(d.groups.length);
  return {
    organizations,
    users,
    roles,
    groups,
    members,
    total: organizations + users + roles + groups + members,
    rows: { organizations: d.organizations.length, memberships: d.totalMemberships, roles: roleRows, groups: d.groups.length, groupMemberships: memberRows },
  };
}

/** An export of every user: the organization list, then every organization's users. */
export function minimumExportCalls(d: Directory): number {
  let calls = pages(d.organizations.length);
  for (const o of d.organizations) calls += pages(d.userCountOf(o.uuid));
  return calls;
}

export interface MinimumSyncCalls extends MinimumCalls {
  permissions: number;
  settings: number;
}

/**
 * A sync reads everything the walk does, plus every role's permissions (ceil(n / 1000) pages each,
 * one for an empty list) and each organization's settings (one call each).
 */
export function minimumSyncCalls(d: Directory): MinimumSyncCalls {
  const walk = minimumDirectoryCalls(d);
  let permissions = 0;
  for (const o of d.organizations) for (const r of d.rolesOf(o.uuid)) permissions += pages(d.permissionsOf(o.uuid, r.id).length);
  const settings = d.organizations.length;
  return { ...walk, permissions, settings, total: walk.total + permissions + settings };
}
