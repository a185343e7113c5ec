"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { IdCell } from "@/components/data-table";
import { accessCell, newSinceCell, organizationCell, pathCell, personCell, sourceWords } from "./privileged-cells";
import { compareByOrganization, type PrivilegedRow } from "@/lib/shared/privileged/wire";
import { PRIVILEGED_COLUMN_SIZES as SIZE } from "./column-sizes";

/* The privileged access table: who, where, what, and the road to it. */

const SOURCE_OPTIONS = [
  { value: "organization_role", label: "Organization role" },
  { value: "permission", label: "Permission via group" },
];

export const privilegedColumns: ColumnDef<PrivilegedRow, unknown>[] = [
  {
    id: "person",
    size: SIZE.person,
    accessorFn: (r) => r.full_name || r.email,
    meta: { label: "Person", searchable: true },
    cell: ({ row }) => personCell(row.original),
  },
  { id: "email", accessorKey: "email", size: SIZE.email, meta: { label: "Email", searchable: true } },
  { id: "user_id", accessorKey: "user_id", meta: { label: "User id", searchable: true, hiddenByDefault: true }, cell: ({ row }) => <IdCell value={row.original.user_id} /> },
  {
    id: "organization",
    size: SIZE.organization,
    accessorFn: (r) => r.organization_name,
    // The server's order (lib/server/privileged/report.ts), so the first rows it sends ahead stay on top.
    sortingFn: (a, b) => compareByOrganization(a.original, b.original),
    meta: { label: "Organization", variant: "multiSelect", urlKey: "org" },
    cell: ({ row }) => organizationCell(row.original),
  },
  { id: "source", accessorKey: "source", size: SIZE.source, meta: { label: "Comes from", variant: "multiSelect", options: SOURCE_OPTIONS }, cell: ({ row }) => sourceWords(row.original) },
  {
    id: "access",
    size: SIZE.access,
    accessorKey: "access",
    meta: { label: "Access", variant: "multiSelect", searchable: true },
    cell: ({ row }) => accessCell(row.original),
  },
  {
    id: "path",
    size: SIZE.path,
    accessorFn: (r) => (r.group_name ? `${r.group_name} → ${r.role_name}` : "listed by the organization"),
    meta: { label: "Path", searchable: true },
    cell: ({ row }) => pathCell(row.original),
  },
  {
    id: "resource",
    accessorFn: (r) => (r.resource_type ? `${r.resource_type} ${r.resource_id ?? ""}` : ""),
    meta: { label: "Resource", hiddenByDefault: true },
  },
  {
    id: "new_since",
    size: SIZE.new_since,
    accessorFn: (r) => (r.new_since === undefined ? "" : r.new_since ? "new" : "before"),
    meta: { label: "New since", variant: "multiSelect", options: [{ value: "new", label: "New" }, { value: "before", label: "Held before" }], urlKey: "new" },
    cell: ({ row }) => newSinceCell(row.original),
  },
];
