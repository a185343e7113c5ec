import type { ReactNode } from "react";
import { RowLink } from "@/components/data-table/row-link";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { groupHref, organizationHref, roleHref } from "./links";
import type { AccessGrant, PeopleTableRow } from "./people-table-rows";

/*
 * People's "who holds what" cells: where each row's access comes from, its RBAC roles, groups and
 * permission actions. No hooks: the interactive table's columns (people-access-columns.tsx) and
 * the server's first screen draw them alike. The path cell follows the filters: filtered by
 * `chats:export`, it shows the group → role paths that give `chats:export`, not every path.
 */

/** Paths shown in a cell before "+N more" (every one is in the title). */
const PATHS_SHOWN = 3;

/** A link inside a line of words ("Admin in Acme Legal"): underlined, so it is told apart without its colour (WCAG 1.4.1). */
const IN_TEXT_LINK = "text-brand-700 underline decoration-brand-700/40 underline-offset-2 hover:decoration-brand-700";

/** The values chosen in the facets the path cell follows; null where none is chosen. */
export interface AccessFilters {
  actions: Set<string> | null;
  roles: Set<string> | null;
  groups: Set<string> | null;
  organizationRoles: Set<string> | null;
}
const NO_ACCESS_FILTERS: AccessFilters = { actions: null, roles: null, groups: null, organizationRoles: null };

/** The paths a row shows under the table's current filters. */
export function visibleAccess(row: PeopleTableRow, filters: AccessFilters) {
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

/** An empty cell. */
const None = () => <span className="text-slate-400">—</span>;

const grantWords = (g: AccessGrant) => `${g.groupName} → ${g.roleName} (${g.organizationName})`;

/** Where a row's access comes from, as far as `filters` ask (all of it with none). */
export function accessPathsCell(row: PeopleTableRow, filters: AccessFilters = NO_ACCESS_FILTERS) {
  const { memberships, grants } = visibleAccess(row, filters);
  const all = [
    ...memberships.map((m) => `${organizationRoleLabel(m.role, false)} in ${m.organization} (organization role)`),
    ...grants.map((g) => `via group ${grantWords(g)}`),
  ];
  if (all.length === 0) return <None />;
  const shownMemberships = memberships.slice(0, PATHS_SHOWN);
  const shownGrants = grants.slice(0, PATHS_SHOWN - shownMemberships.length);
  // One line, as every row of the table is one height (row-window.ts): the paths that do not fit are clipped, the count of the rest stays in view, and the title lists them all.
  return (
    <span className="flex min-w-0 items-center gap-x-2 whitespace-nowrap" title={all.join("\n")} data-testid="access-paths">
      <span className="flex min-w-0 gap-x-2 overflow-hidden">
        {shownMemberships.map((m) => (
          <span key={`m-${m.uuid}`} className="whitespace-nowrap">
            {organizationRoleLabel(m.role, false)} in{" "}
            <RowLink href={organizationHref(m.uuid)} className={IN_TEXT_LINK}>
              {m.organization}
            </RowLink>
          </span>
        ))}
        {shownGrants.map((g) => (
          <span key={`g-${g.groupId}-${g.roleId}`} className="whitespace-nowrap">
            <RowLink href={groupHref(g.groupId)} className={IN_TEXT_LINK}>
              {g.groupName}
            </RowLink>
            {" → "}
            <RowLink href={roleHref(g.organizationUuid, g.roleId)} className={IN_TEXT_LINK} title={`${g.roleName} in ${g.organizationName}`}>
              {g.roleName}
            </RowLink>
          </span>
        ))}
      </span>
      {all.length > PATHS_SHOWN && <span className="shrink-0 text-slate-500">+{all.length - PATHS_SHOWN} more</span>}
    </span>
  );
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
          <RowLink href={l.href} className={IN_TEXT_LINK}>
            {l.label}
          </RowLink>
        </span>
      ))}
    </span>
  );
}

/** The RBAC roles a row holds, named from its own group → role paths. */
export const rbacRolesCell = (r: PeopleTableRow) =>
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
  );

export const groupsCell = (r: PeopleTableRow) => <LinkList title={r.groups.join("\n")} links={r.groupIds.map((id, i) => ({ key: id, href: groupHref(id), label: r.groups[i] ?? id }))} />;

export const actionsCell = (r: PeopleTableRow) =>
  r.actions.length === 0 ? (
    <None />
  ) : (
    <span className="truncate font-mono text-xs" title={r.actions.join("\n")}>
      {r.actions.join(", ")}
    </span>
  );
