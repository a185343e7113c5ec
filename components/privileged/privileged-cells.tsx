import { RowLink } from "@/components/data-table/row-link";
import { groupHref, organizationHref, personHref, roleHref } from "@/components/people/links";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import type { PrivilegedRow } from "@/lib/shared/privileged/wire";

/*
 * The privileged table's cells, for the interactive table's columns and the server's first screen
 * alike (no hooks, no browser-only formatting), so both show a row the same way.
 */

const link = "text-brand-700 hover:underline";

export const personCell = (r: PrivilegedRow) => (
  <RowLink className={link} href={personHref(r.user_id)}>
    {r.full_name || <span className="text-slate-500 italic">no name</span>}
  </RowLink>
);

export const organizationCell = (r: PrivilegedRow) => (
  <RowLink className={link} href={organizationHref(r.organization_uuid)}>
    {r.organization_name}
  </RowLink>
);

export const sourceWords = (r: PrivilegedRow) => (r.source === "organization_role" ? "Organization role" : "Group → role");

export const accessCell = (r: PrivilegedRow) => (r.source === "organization_role" ? organizationRoleLabel(r.access) : <code className="text-xs">{r.access}</code>);

export function pathCell(r: PrivilegedRow) {
  if (!r.group_id || !r.role_id) return <span className="text-slate-500">listed by the organization</span>;
  return (
    <span>
      <RowLink className={link} href={groupHref(r.group_id)}>
        {r.group_name}
      </RowLink>
      {" → "}
      <RowLink className={link} href={roleHref(r.organization_uuid, r.role_id)}>
        {r.role_name}
      </RowLink>
    </span>
  );
}

export const newSinceCell = (r: PrivilegedRow) => (r.new_since ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">new</span> : null);
