import "server-only";
import type { Permission } from "@/lib/shared/compliance/schemas";
import { errorBody } from "../http/error-body";
import type { Directory, DirectoryRole, Person } from "@/lib/shared/directory/types";
import type { PersonDetail } from "@/lib/shared/directory/wire";

/*
 * Where one person's access comes from. The API knows two roads: an organization lists the person
 * with an organization_role (direct), and groups the person is in grant RBAC roles, which carry
 * permissions (via group). Each permission is reported with every group → role path to it, because
 * "why does this person have this" is the question a review asks.
 */

export type LoadPermissions = (orgUuid: string, roleId: string) => Promise<Permission[]>;

export interface PersonDetailOptions {
  /** Permission lists loaded at once; the limiter spaces them, this only bounds the queue we add. */
  concurrency?: number;
}

const permissionKey = (p: Permission) => `${p.action}\u0000${p.resource_type}\u0000${p.resource_id ?? ""}`;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function personDetail(
  directory: Directory,
  person: Person,
  loadPermissions: LoadPermissions,
  opts: PersonDetailOptions = {},
): Promise<PersonDetail> {
  const organizations = person.memberships.map((m) => ({
    uuid: m.organization.uuid,
    name: m.organization.name,
    organization_role: m.organizationRole,
    joined_at: m.joinedAt,
    email: m.user.email,
    full_name: m.user.full_name,
  }));

  const groups = person.groups.map(({ group, member }) => ({
    id: group.id,
    name: group.name,
    description: group.description ?? null,
    source_type: group.source_type,
    member_since: member.created_at ?? null,
    role_ids: group.roles ?? [],
    unknown_role_ids: directory.unknownRoleIds.get(group.id) ?? [],
  }));

  // Each role once, with every group of this person that grants it.
  const granted = new Map<string, { role: DirectoryRole; via: { id: string; name: string }[] }>();
  for (const { group } of person.groups) {
    for (const r of directory.groupRoles.get(group.id) ?? []) {
      const entry = granted.get(r.role.id) ?? { role: r, via: [] };
      entry.via.push({ id: group.id, name: group.name });
      granted.set(r.role.id, entry);
    }
  }
  const grantedList = [...granted.values()];

  const loaded = await mapLimited(grantedList, opts.concurrency ?? 4, async ({ role }) => {
    try {
      return { permissions: await loadPermissions(role.organization.uuid, role.role.id), error: null };
    } catch (err) {
      return { permissions: null, error: await errorBody(err) };
    }
  });

  const roles = grantedList.map(({ role, via }, i) => ({
    id: role.role.id,
    name: role.role.name,
    description: role.role.description ?? null,
    organization: { uuid: role.organization.uuid, name: role.organization.name },
    via_groups: via,
    permissions: loaded[i]!.permissions,
    permissions_error: loaded[i]!.error,
  }));

  const permissions = new Map<string, PersonDetail["permissions"][number]>();
  for (const role of roles) {
    for (const p of role.permissions ?? []) {
      const key = permissionKey(p);
      let entry = permissions.get(key);
      if (!entry) {
        entry = { action: p.action, resource_type: p.resource_type, resource_id: p.resource_id ?? null, paths: [] };
        permissions.set(key, entry);
      }
      for (const group of role.via_groups) {
        entry.paths.push({ group, role: { id: role.id, name: role.name }, organization: role.organization });
      }
    }
  }

  return {
    builtAt: directory.builtAt,
    person: { id: person.id, email: person.email, full_name: person.fullName },
    organizations,
    groups,
    roles,
    permissions: [...permissions.values()],
  };
}
