"use client";

import { RowLink } from "@/components/data-table/row-link";
import type { ColumnMeta, Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import type { FilterOption } from "@/components/data-table/column-meta";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { groupHref, organizationHref, roleHref } from "./links";
import type { AccessGrant, PeopleTableRow } from "./people-table-rows";

/*
 * The People table's "who holds what" columns: RBAC roles, groups and permission actions as
 * faceted filters (values are ids and action names, labels come from the catalog), and where each
 * row's access comes from. The path cell follows the filters: filtered by `chats:export`, it shows
 * the group → role paths that give `chats:export`, not every path the person has.
 */

/** Paths shown in a cell before "+N more" (every one is in the title). */
const PATHS_SHOWN = 3;

const ACCESS_FILTER_IDS = { actions: "actions", roles: "rbacRoles", groups: "groupIds", organizationRoles: "organizationRoles" } as const;

function selectedOf<T>(table: Table<T>, columnId: string): Set<string> | null {
  const v = table.getState().columnFilters.find((f) => f.id === columnId)?.value;
  return Array.isArray(v) && v.length ? new Set(v.map(String)) : null;
}

/** The paths a row shows under the table's current filters. */
export function visibleAccess(row: PeopleTableRow, filters: { actions: Set<string> | null; roles: Set<string> | null; groups: Set<string> | null; organizationRoles: Set<string> | null }) {
  const { actions, roles, groups, organizationRoles } = filters;
  const grantFiltered = actions || roles || groups;
  const grants = row.grants.filter(
    (g) => (!actions || [...actions].some((a) => g.actions.has(a))) && (!roles || roles.has(g.roleId)) && (!groups || groups.has(g.groupId)),
  );
  const memberships = organizationRoles
    ? row.memberships.filter((m) => organizationRoles.has(m.role))
    : grantFiltered
      ? []
      : row.memberships;
  return { memberships, grants: organizationRoles && !grantFiltered ? [] : grants };
}

const grantWords = (g: AccessGrant) => `${g.groupName} → ${g.roleName} (${g.organizationName})`;

function AccessCell({ row, table }: { row: PeopleTableRow; table: Table<PeopleTableRow> }) {
  const { memberships, grants } = visibleAccess(row, {
    actions: selectedOf(table, ACCESS_FILTER_IDS.actions),
    roles: selectedOf(table, ACCESS_FILTER_IDS.roles),
    groups: selectedOf(table, ACCESS_FILTER_IDS.groups),
    organizationRoles: selectedOf(table, ACCESS_FILTER_IDS.organizationRoles),
  });
  const all = [
    ...memberships.map((m) => `${organizationRoleLabel(m.role, false)} in ${m.organization} (organization role)`),
    ...grants.map((g) => `via group ${grantWords(g)}`),
  ];
  if (all.length === 0) return <span className="text-slate-400">—</span>;
  const shownMemberships = memberships.slice(0, PATHS_SHOWN);
  const shownGrants = grants.slice(0, PATHS_SHOWN - shownMemberships.length);
  // One line, as every row of the table is one height (row-window.ts): the paths that do not fit are clipped, the count of the rest stays in view, and the title lists them all.
  return (
    <span className="flex min-w-0 items-center gap-x-2 whitespace-nowrap" title={all.join("\n")} data-testid="access-paths">
      <span className="flex min-w-0 gap-x-2 overflow-hidden">
        {shownMemberships.map((m) => (
          <span key={`m-${m.uuid}`} className="whitespace-nowrap">
            {organizationRoleLabel(m.role, false)} in{" "}
            <RowLink href={organizationHref(m.uuid)} className="text-brand-700 hover:underline">
              {m.organization}
            </RowLink>
          </span>
        ))}
        {shownGrants.map((g) => (
          <span key={`g-${g.groupId}-${g.roleId}`} className="whitespace-nowrap">
            <RowLink href={groupHref(g.groupId)} className="text-brand-700 hover:underline">
              {g.groupName}
            </RowLink>
            {" → "}
            <RowLink href={roleHref(g.organizationUuid, g.roleId)} className="text-brand-700 hover:underline" title={`${g.roleName} in ${g.organizationName}`}>
              {g.roleName}
            </RowLink>
          </span>
        ))}
      </span>
      {all.length > PATHS_SHOWN && <span className="shrink-0 text-slate-500">+{all.length - PATHS_SHOWN} more</span>}
    </span>
  );
}

/** The facets' labelled options (values someone holds, by label), as the People query route lists them. */
export interface PeopleFacetOptions {
  rbac: FilterOption[];
  group: FilterOption[];
  action: FilterOption[];
}

/** A role a row holds, named from the row's own group → role paths (every role held comes through one). */
function roleOf(row: PeopleTableRow, id: string): AccessGrant | undefined {
  return row.grants.find((g) => g.roleId === id);
}
const roleWords = (g: AccessGrant | undefined, id: string) => (g ? `${g.roleName} (${g.organizationName})` : id);

/** Names as links, comma separated, every one in the title. */
function LinkList({ title, links }: { title: string; links: { key: string; href: string; label: string }[] }) {
  return (
    <span className="truncate" title={title}>
      {links.map((l, i) => (
        <span key={l.key}>
          {i > 0 && ", "}
          <RowLink href={l.href} className="text-brand-700 hover:underline">
            {l.label}
          </RowLink>
        </span>
      ))}
    </span>
  );
}

const None = () => <span className="text-slate-400">—</span>;

/** A column over one of a row's id lists: faceted by its values, never sorted. */
function listColumn(
  id: "rbacRoles" | "groupIds" | "actions",
  header: string,
  size: number,
  meta: ColumnMeta<PeopleTableRow, unknown>,
  cell: (row: PeopleTableRow) => ReactNode,
): AnyColumnDef<PeopleTableRow> {
  return { id, accessorFn: (r) => r[id], getUniqueValues: (r) => r[id], header, size, enableSorting: false, meta, cell: ({ row }) => cell(row.original) };
}

/** "Access via" first: where each row's access comes from is what a filter on these columns asks; the lists follow. */
export function peopleAccessColumns(options: PeopleFacetOptions): AnyColumnDef<PeopleTableRow>[] {
  return [
    {
      id: "access",
      accessorFn: (r) => r.grants.length + r.memberships.length,
      header: "Access via",
      size: 320,
      enableSorting: false,
      meta: { label: "Access via" },
      cell: ({ row, table }) => <AccessCell row={row.original} table={table} />,
    },
    listColumn("rbacRoles", "RBAC roles", 190, { label: "RBAC role", variant: "multiSelect", urlKey: "rbac", options: options.rbac }, (r) =>
      r.rbacRoles.length === 0 ? (
        <None />
      ) : (
        <LinkList
          title={r.rbacRoles.map((id) => roleWords(roleOf(r, id), id)).join("\n")}
          links={r.rbacRoles.map((id) => {
            const role = roleOf(r, id);
            return { key: id, href: roleHref(role?.organizationUuid ?? "", id), label: role?.roleName ?? id };
          })}
        />
      ),
    ),
    listColumn("groupIds", "Group", 190, { label: "Group", variant: "multiSelect", urlKey: "group", hiddenByDefault: true, options: options.group }, (r) => (
      <LinkList title={r.groups.join("\n")} links={r.groupIds.map((id, i) => ({ key: id, href: groupHref(id), label: r.groups[i] ?? id }))} />
    )),
    listColumn("actions", "Permission actions", 200, { label: "Permission action", variant: "multiSelect", urlKey: "action", options: options.action }, (r) =>
      r.actions.length === 0 ? (
        <None />
      ) : (
        <span className="truncate font-mono text-xs" title={r.actions.join("\n")}>
          {r.actions.join(", ")}
        </span>
      ),
    ),
  ];
}
