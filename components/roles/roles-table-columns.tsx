"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { Role } from "@/lib/compliance/schemas";
import { parseTimestamp } from "@/lib/format/dates";
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
        <Link href={`/organizations/${orgUuid}/roles/${encodeURIComponent(row.original.id)}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
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
    {
      id: "created_at",
      accessorFn: (r) => parseTimestamp(r.created_at) ?? undefined,
      header: "Created",
      size: 150,
      sortUndefined: "last",
      meta: { label: "Created", variant: "dateRange", urlKey: "created", csv: { header: "created_at", value: (r) => r.created_at ?? "" } },
      cell: ({ row }) => <DateCell value={row.original.created_at} />,
    },
    {
      id: "updated_at",
      accessorFn: (r) => parseTimestamp(r.updated_at) ?? undefined,
      header: "Updated",
      size: 150,
      sortUndefined: "last",
      meta: { label: "Updated", variant: "dateRange", urlKey: "updated", csv: { header: "updated_at", value: (r) => r.updated_at ?? "" } },
      cell: ({ row }) => <DateCell value={row.original.updated_at} />,
    },
  ];
}
