"use client";
import { PrintHeader, PrintLayout, PrintTable, type PrintColumn } from "@/components/print";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import type { PrivilegedRow } from "@/lib/shared/privileged/wire";
import { countOf, formatCount } from "@/lib/browser/format/numbers";

/*
 * What the browser prints: every row of the current view (the screen table is virtualised, so it
 * cannot print), under the header naming the sync, the time and the officer.
 */

const COLUMNS: PrintColumn<PrivilegedRow>[] = [
  { header: "Organization", cell: (r) => r.organization_name },
  { header: "Person", cell: (r) => r.full_name },
  { header: "Email", cell: (r) => r.email },
  { header: "Access", cell: (r) => (r.source === "organization_role" ? organizationRoleLabel(r.access) : r.access) },
  { header: "Path", cell: (r) => (r.group_name ? `${r.group_name} → ${r.role_name}` : "organization role") },
  { header: "New", cell: (r) => (r.new_since ? "new" : "") },
];

export function PrintedPrivilegedTable({ rows, syncId, syncAt }: { rows: PrivilegedRow[]; syncId: string | null; syncAt: string | null }) {
  return (
    <PrintLayout>
      <PrintHeader title="Privileged access" syncId={syncId} syncAt={syncAt} summary={`${countOf(rows.length, "row")} in the current view`} />
      <span data-testid="privileged-shown" className="sr-only">
        {rows.length}
      </span>
      <PrintTable caption="Privileged access" columns={COLUMNS} rows={rows} />
    </PrintLayout>
  );
}
