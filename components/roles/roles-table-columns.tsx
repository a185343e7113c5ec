"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { AppLink } from "@/components/shell/app-link";
import type { Role } from "@/lib/shared/compliance/schemas";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { DateCell, IdCell } from "@/components/data-table/cells";

/* The roles of one organization: name (to the role's permissions), description, created, updated. */

export function rolesTableColumns(orgUuid: string): ColumnDef<Role, any>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      size: 260,
      meta: { label: "Name", searchable: true, csv: { header: "name", value: (r) => r.name } },
      cell: ({ row }) => (
        <AppLink href={`/organizations/${orgUuid}/roles/${encodeURIComponent(row.original.id)}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </AppLink>
      ),
    },
    {
      id: "description",
      accessorFn: (r) => r.description ?? "",
      header: "Description",
      size: 460,
      meta: { label: "Description", searchable: true, csv: { header: "description", value: (r) => r.description ?? "" } },
      cell: ({ getValue }) => <span className="text-slate-700">{getValue<string>() || <span className="text-slate-500">—</span>}</span>,
    },
    {
      id: "id",
      accessorKey: "id",
      header: "Role id",
      size: 300,
      meta: { label: "Role id", searchable: true, hiddenByDefault: true, csv: { header: "role_id", value: (r) => r.id } },
      cell: ({ getValue }) => <IdCell value={getValue<string>()} label="role id" />,
    },
    timestampColumn("created_at", "Created", "created"),
    timestampColumn("updated_at", "Updated", "updated"),
  ];
}

/** A sortable, date-range-filterable timestamp column; rows without the timestamp sort last. */
function timestampColumn(key: "created_at" | "updated_at", label: string, urlKey: string): ColumnDef<Role, any> {
  return {
    id: key,
    accessorFn: (r) => parseTimestamp(r[key]) ?? undefined,
    header: label,
    size: 150,
    sortUndefined: "last",
    meta: { label, variant: "dateRange", urlKey, csv: { header: key, value: (r) => r[key] ?? "" } },
    cell: ({ row }) => <DateCell value={row.original[key]} />,
  };
}
