import "server-only";
import type { Permission } from "@/lib/shared/compliance/schemas";
import type { Directory, DirectoryRole } from "@/lib/shared/directory/types";
import { CHECKPOINT_EVERY, runNow, sortSteps, type Steps } from "@/lib/server/directory/time-slices";
import { actionMatcher } from "./actions";
import { compareByOrganization, PRIVILEGED_ORGANIZATION_ROLES, privilegedRowKey, type PrivilegedOrganization, type PrivilegedReport, type PrivilegedRow } from "@/lib/shared/privileged/wire";

/*
 * Everyone whose access is administrative, by organization, with the road to it. Computed from a
 * sync's directory (no upstream call): organization roles from the users lists, permissions from
 * the roles the person's groups grant, each permission the sync read for that role.
 *
 * Written as steps (lib/server/directory/time-slices.ts): at 200,000 memberships the report takes
 * about 1.5 s of CPU, which the server spends in slices after a sync rather than in one stall.
 */

const ADMIN_ROLES = new Set<string>(PRIVILEGED_ORGANIZATION_ROLES);

/** A privileged permission one group grants: the role that grants it, in which organization. */
type Road = DirectoryRole & { permission: Permission };

function* privilegedRowSteps(directory: Directory, privilegedActions: readonly string[]): Steps<PrivilegedRow[]> {
  const isPrivileged = actionMatcher(privilegedActions);
  // Per group, once: a few hundred groups grant the same roads to 150,000 people, so the roles and
  // permissions behind a group are read and matched once, not once per member.
  const roads = new Map<string, Road[]>();
  const roadsOf = (groupId: string): Road[] => {
    let found = roads.get(groupId);
    if (!found) {
      found = [];
      for (const { role, organization } of directory.groupRoles.get(groupId) ?? []) {
        for (const permission of directory.permissionsByRole?.get(`${organization.uuid}/${role.id}`) ?? []) {
          if (isPrivileged(permission.action)) found.push({ organization, role, permission });
        }
      }
      roads.set(groupId, found);
    }
    return found;
  };
  const rows: PrivilegedRow[] = [];
  const { people } = directory;
  // Checkpoints count rows made as well as people: one person in many groups makes hundreds of rows.
  let work = 0;
  for (let i = 0; i < people.length; i++) {
    if (work >= CHECKPOINT_EVERY) {
      work = 0;
      yield;
    }
    work += 1;
    const person = people[i]!;
    for (const m of person.memberships) {
      if (!ADMIN_ROLES.has(m.organizationRole)) continue;
      rows.push({
        user_id: person.id,
        email: person.email,
        full_name: person.fullName,
        organization_uuid: m.organization.uuid,
        organization_name: m.organization.name,
        source: "organization_role",
        access: m.organizationRole,
        resource_type: null,
        resource_id: null,
        group_id: null,
        group_name: null,
        role_id: null,
        role_name: null,
      });
    }
    for (const { group } of person.groups) {
      const granted = roadsOf(group.id);
      work += granted.length;
      for (const { organization, role, permission } of granted) {
        rows.push({
          user_id: person.id,
          email: person.email,
          full_name: person.fullName,
          organization_uuid: organization.uuid,
          organization_name: organization.name,
          source: "permission",
          access: permission.action,
          resource_type: permission.resource_type,
          resource_id: permission.resource_id ?? null,
          group_id: group.id,
          group_name: group.name,
          role_id: role.id,
          role_name: role.name,
        });
      }
    }
  }
  return rows;
}

export function privilegedRows(directory: Directory, privilegedActions: readonly string[]): PrivilegedRow[] {
  return runNow(privilegedRowSteps(directory, privilegedActions));
}

function* organizationSteps(directory: Directory, rows: readonly PrivilegedRow[]): Steps<PrivilegedOrganization[]> {
  const byOrg = new Map<string, PrivilegedOrganization & { _people: Set<string>; _holders: Set<string> }>();
  for (const o of directory.organizations) {
    byOrg.set(o.uuid, { uuid: o.uuid, name: o.name, primary_owners: 0, owners: 0, admins: 0, membership_admins: 0, permission_holders: 0, people: 0, _people: new Set(), _holders: new Set() });
  }
  for (let i = 0; i < rows.length; i++) {
    if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
    const r = rows[i]!;
    const o = byOrg.get(r.organization_uuid);
    if (!o) continue;
    o._people.add(r.user_id);
    if (r.source === "permission") o._holders.add(r.user_id);
    else if (r.access === "primary_owner") o.primary_owners++;
    else if (r.access === "owner") o.owners++;
    else if (r.access === "admin") o.admins++;
    else if (r.access === "membership_admin") o.membership_admins++;
  }
  return [...byOrg.values()].map(({ _people, _holders, ...o }) => ({ ...o, people: _people.size, permission_holders: _holders.size }));
}

/** Each row's organization as its place in compareByOrganization's order (equal names, equal ranks). */
function organizationRanks(rows: readonly PrivilegedRow[]): Int32Array {
  const names = [...new Set(rows.map((r) => r.organization_name))].sort(compareByName);
  const rankOf = new Map<string, number>();
  names.forEach((name, i) => rankOf.set(name, i > 0 && compareByName(names[i - 1]!, name) === 0 ? rankOf.get(names[i - 1]!)! : i));
  return Int32Array.from(rows, (r) => rankOf.get(r.organization_name)!);
}

const compareByName = (a: string, b: string) => compareByOrganization({ organization_name: a }, { organization_name: b });

export function* privilegedReportSteps(directory: Directory, privilegedActions: readonly string[], since?: Directory): Steps<PrivilegedReport> {
  const found = yield* privilegedRowSteps(directory, privilegedActions);
  if (since) {
    const before = new Set((yield* privilegedRowSteps(since, privilegedActions)).map(privilegedRowKey));
    for (const r of found) r.new_since = !before.has(privilegedRowKey(r));
    yield;
  }
  const ref = (d: Directory | undefined) => (d?.sync ? { id: d.sync.id, finished_at: d.sync.finishedAt } : null);
  // By organization (compareByOrganization's order, as a rank per name: lower-casing two names in
  // each of millions of comparisons cost seconds); within one, rows keep the order they were found in.
  const rank = organizationRanks(found);
  const order = yield* sortSteps(found.length, (a, b) => rank[a]! - rank[b]! || a - b);
  const rows = new Array<PrivilegedRow>(found.length);
  const people = new Set<string>();
  for (let k = 0; k < order.length; k++) {
    if (k % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
    rows[k] = found[order[k]!]!;
    people.add(rows[k]!.user_id);
  }
  const organizations = yield* organizationSteps(directory, rows);
  return {
    sync: ref(directory),
    since_sync: ref(since),
    privileged_actions: [...privilegedActions],
    organizations,
    people: people.size,
    rows_total: rows.length,
    rows,
  };
}

export function privilegedReport(directory: Directory, privilegedActions: readonly string[], since?: Directory): PrivilegedReport {
  return runNow(privilegedReportSteps(directory, privilegedActions, since));
}
