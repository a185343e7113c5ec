"use client";

import { PrintHeader, PrintLayout, PrintTable } from "@/components/print";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import type { PersonDetail } from "@/lib/shared/directory/wire";
import { pathLabel, permissionLabel } from "./compare-people";

/* A person on paper (issue 11, item 5): every organization, group, role and permission, unfiltered. */

export function PersonPrint({ detail }: { detail: PersonDetail }) {
  const p = detail.person;
  return (
    <PrintLayout>
      <PrintHeader title={`Access of ${p.full_name || p.email || p.id}`} summary={`${p.email} · ${p.id}`} />
      <PrintTable
        caption="Organizations (direct)"
        rows={detail.organizations}
        rowKey={(o) => o.uuid}
        columns={[
          { header: "Organization", cell: (o) => o.name },
          { header: "Organization role", cell: (o) => organizationRoleLabel(o.organization_role) },
          { header: "Joined", cell: (o) => o.joined_at },
        ]}
      />
      <PrintTable
        caption="Groups"
        rows={detail.groups}
        rowKey={(g) => g.id}
        columns={[
          { header: "Group", cell: (g) => g.name },
          { header: "Source", cell: (g) => g.source_type },
          { header: "Member since", cell: (g) => g.member_since ?? "" },
          { header: "Roles it grants", cell: (g) => detail.roles.filter((r) => r.via_groups.some((v) => v.id === g.id)).map((r) => `${r.name} (${r.organization.name})`).join(", ") },
        ]}
      />
      <PrintTable
        caption="Roles via groups"
        rows={detail.roles}
        rowKey={(r) => `${r.organization.uuid}/${r.id}`}
        columns={[
          { header: "Role", cell: (r) => r.name },
          { header: "Organization", cell: (r) => r.organization.name },
          { header: "Through groups", cell: (r) => r.via_groups.map((g) => g.name).join(", ") },
          { header: "Permissions", cell: (r) => (r.permissions ? r.permissions.length : "not loaded") },
        ]}
      />
      <PrintTable
        caption="Permissions"
        rows={detail.permissions}
        rowKey={(x) => `${x.action}|${x.resource_type}|${x.resource_id ?? ""}`}
        columns={[
          { header: "Permission", cell: (x) => permissionLabel(x) },
          { header: "Comes through", cell: (x) => x.paths.map(pathLabel).join("; ") },
        ]}
      />
    </PrintLayout>
  );
}
