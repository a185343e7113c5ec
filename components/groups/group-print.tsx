"use client";

import type { Table } from "@tanstack/react-table";
import { PrintHeader, PrintLayout, PrintTable } from "@/components/print";
import type { MemberRow } from "@/lib/shared/groups/member-directory";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";

/*
 * A group on paper (issue 11, item 5): every member the table's search and filters match, in its
 * sort order (the screen table is virtualised and cannot print), and the roles the group grants.
 */

export function GroupPrint({ name, groupId, roles, table }: { name: string; groupId: string; roles: string[]; table: Table<MemberRow> }) {
  const rows = table.getRowModel().rows.map((r) => r.original);
  const total = table.getCoreRowModel().rows.length;
  return (
    <PrintLayout>
      <PrintHeader
        title={`Group ${name}`}
        summary={`${groupId} · roles: ${roles.join(", ") || "none"} · ${rows.length === total ? `all ${total} members` : `${rows.length} of ${total} members (filtered)`}`}
      />
      <PrintTable
        caption="Members"
        rows={rows}
        rowKey={(m) => m.userId}
        columns={[
          { header: "Name", cell: (m) => m.fullName ?? "" },
          { header: "Email", cell: (m) => m.email },
          { header: "User id", cell: (m) => m.userId },
          { header: "Organizations", cell: (m) => m.memberships.map((x) => `${x.orgName} (${organizationRoleLabel(x.organizationRole, false)})`).join(", ") },
          { header: "Added", cell: (m) => m.addedAt ?? "" },
        ]}
      />
    </PrintLayout>
  );
}
