import "server-only";
import type { CsvCell } from "@/lib/shared/csv/write";
import type { Directory } from "@/lib/shared/directory/types";
import { accessIndexOf } from "@/lib/server/directory/people-access";
import { memberCsvRecord, MEMBERS_CSV_HEADER } from "@/lib/shared/groups/member-directory";
import { groupMemberRows } from "@/lib/server/directory/group-members";
import { buildRoleIndex, resolveGroupRoles, type ResolvedRole } from "@/lib/shared/groups/role-index";
import { TABLE_COLUMNS, type TableDownloadScope, type TableKind } from "@/lib/shared/downloads/table-download";

/*
 * A table's rows as the sync in the store holds them, by the id the browser's table gives each row,
 * with the same values the table shows (the client tables read the same sync through
 * /api/directory). The download route looks each posted id up here: nothing of a value comes from
 * the browser.
 */

export type TableRowCells = Record<string, CsvCell>;

export type TableRows =
  | { ok: true; rows: ReadonlyMap<string, TableRowCells>; /** For the file name and audit entry: the org, group or role's name. */ scopeName?: string }
  | { ok: false; status: 400 | 404; message: string };

const when = (d: Directory) => (d.sync ? `sync ${d.sync.id} (${d.sync.finishedAt})` : "this sync");

// As the Groups table's role chips read: "Name (Organization)", or the raw id no organization knows.
const roleLabel = (r: ResolvedRole) => (r.resolved ? `${r.name} (${r.orgName})` : r.id);

export function tableRows(directory: Directory, table: TableKind, scope: TableDownloadScope): TableRows {
  const missing = (what: string): TableRows => ({ ok: false, status: 404, message: `${what} is not in the directory as of ${when(directory)}. Reload the page and try again.` });
  const needs = (key: "org" | "group" | "role"): string | undefined => scope[key];
  const org = needs("org") ? directory.organizationsByUuid.get(needs("org")!.toLowerCase()) ?? directory.organizationsByUuid.get(needs("org")!) : undefined;
  const rows = new Map<string, TableRowCells>();

  switch (table) {
    case "users": {
      if (!org) return missing(`Organization ${scope.org}`);
      for (const p of directory.people) {
        for (const m of p.memberships) {
          if (m.organization.uuid !== org.uuid) continue;
          const u = m.user;
          rows.set(u.id, { organization_uuid: org.uuid, organization_name: org.name, user_id: u.id, email: u.email, full_name: u.full_name, organization_role: u.organization_role, created_at: u.created_at });
        }
      }
      return { ok: true, rows, scopeName: org.name };
    }
    case "people": {
      const access = accessIndexOf(directory);
      const orgName = (uuid: string) => directory.organizationsByUuid.get(uuid)?.name ?? uuid;
      for (const p of directory.people) {
        // What People's access columns show: roles via groups, the actions they allow, and every path.
        const held = access.access(p);
        const role = (ri: number) => access.catalog.roles[ri]!;
        rows.set(p.id, {
          user_id: p.id,
          email: p.email,
          full_name: p.fullName,
          organizations: p.memberships.map((m) => m.organization.name).join("; "),
          organization_uuids: p.memberships.map((m) => m.organization.uuid).join("; "),
          organization_roles: p.memberships.map((m) => `${m.organization.name}: ${m.organizationRole}`).join("; "),
          group_count: p.groups.length,
          groups: p.groups.map((g) => g.group.name).join("; "),
          rbac_roles: held.roles.map((ri) => `${role(ri).name} (${orgName(role(ri).organization_uuid)})`).join("; "),
          permission_actions: held.actions.map((ai) => access.catalog.actions[ai]).join("; "),
          access_paths: [
            ...p.memberships.map((m) => `${m.organizationRole} in ${m.organization.name} (organization role)`),
            ...held.grants.map(([gi, ri]) => `${directory.groups[gi]?.group.name ?? ""} → ${role(ri).name} (${orgName(role(ri).organization_uuid)})`),
          ].join("; "),
        });
      }
      return { ok: true, rows };
    }
    case "groups": {
      const index = buildRoleIndex(directory.organizations.map((o) => ({ organization: o, roles: directory.rolesByOrganization.get(o.uuid) ?? [] })));
      for (const { group, members } of directory.groups) {
        rows.set(group.id, {
          name: group.name,
          description: group.description ?? "",
          source_type: group.source_type,
          roles: resolveGroupRoles(group, index).map(roleLabel).join("; "),
          members: members.length,
          group_id: group.id,
          created_at: group.created_at ?? "",
          updated_at: group.updated_at ?? "",
        });
      }
      return { ok: true, rows };
    }
    case "group_members": {
      const g = scope.group ? directory.groupsById.get(scope.group) : undefined;
      if (!g) return missing(`Group ${scope.group}`);
      for (const row of groupMemberRows(directory, g.group.id)!) {
        const cells = memberCsvRecord(row);
        rows.set(row.userId, Object.fromEntries(MEMBERS_CSV_HEADER.map((h, i) => [h, cells[i]])));
      }
      return { ok: true, rows, scopeName: g.group.name };
    }
    case "roles": {
      if (!org) return missing(`Organization ${scope.org}`);
      for (const r of directory.rolesByOrganization.get(org.uuid) ?? []) {
        rows.set(r.id, { name: r.name, description: r.description ?? "", role_id: r.id, created_at: r.created_at ?? "", updated_at: r.updated_at ?? "" });
      }
      return { ok: true, rows, scopeName: org.name };
    }
    case "role_permissions": {
      if (!org) return missing(`Organization ${scope.org}`);
      const role = (directory.rolesByOrganization.get(org.uuid) ?? []).find((r) => r.id === scope.role);
      if (!role) return missing(`Role ${scope.role} of ${org.name}`);
      (directory.permissionsByRole?.get(`${org.uuid}/${role.id}`) ?? []).forEach((p, i) => {
        rows.set(String(i), { action: p.action, resource_type: p.resource_type, resource_id: p.resource_id ?? "" });
      });
      return { ok: true, rows, scopeName: `${org.name}-${role.name}` };
    }
  }
}

/** The columns a request may name: the table's, each once. */
export function checkColumns(table: TableKind, columns: readonly string[]): string | undefined {
  const known = TABLE_COLUMNS[table];
  const seen = new Set<string>();
  for (const c of columns) {
    if (!known.includes(c)) return `"${c.slice(0, 40)}" is not a column of the ${table} table; its columns are ${known.join(", ")}.`;
    if (seen.has(c)) return `Column "${c.slice(0, 40)}" is named twice.`;
    seen.add(c);
  }
  return undefined;
}
