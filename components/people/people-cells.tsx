import { RowLink } from "@/components/data-table/row-link";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { personHref } from "./links";
import type { PeopleTableRow } from "./people-table-rows";

/*
 * People's cells, for the interactive table's columns and the server's first screen alike (no
 * hooks, no browser-only formatting), so both show a person the same way.
 */

const membershipsTitle = (r: PeopleTableRow) => r.memberships.map((m) => `${m.organization}: ${organizationRoleLabel(m.role)}`).join("\n");

export const nameCell = (r: PeopleTableRow) => (
  <RowLink href={personHref(r.id)} className="text-brand-700 hover:underline">
    {r.name || <span className="text-slate-500 italic">(no name: group member only)</span>}
  </RowLink>
);

export const organizationsCell = (r: PeopleTableRow) =>
  r.memberships.length === 0 ? <span className="text-amber-700">none (in a group only)</span> : <span title={membershipsTitle(r)}>{r.organizations.join(", ")}</span>;

export const organizationRolesCell = (r: PeopleTableRow) => <span title={membershipsTitle(r)}>{r.organizationRoles.map((role) => organizationRoleLabel(role)).join(", ")}</span>;
