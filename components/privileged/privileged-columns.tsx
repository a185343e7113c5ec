"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { IdCell } from "@/components/data-table";
import { groupHref, organizationHref, personHref, roleHref } from "@/components/people/links";
import { organizationRoleLabel } from "@/lib/browser/format/organization-roles";
import { compareByOrganization, type PrivilegedRow } from "@/lib/shared/privileged/wire";

/* The privileged access table: who, where, what, and the road to it. */

const SOURCE_OPTIONS = [
  { value: "organization_role", label: "Organization role" },
  { value: "permission", label: "Permission via group" },
];

export const privilegedColumns: ColumnDef<PrivilegedRow, unknown>[] = [
  {
    id: "person",
    accessorFn: (r) => r.full_name || r.email,
    meta: { label: "Person", searchable: true },
    cell: ({ row }) => (
      <Link className="text-brand-700 hover:underline" href={personHref(row.original.user_id)}>
        {row.original.full_name || <span className="italic text-slate-500">no name</span>}
      </Link>
    ),
  },
  { id: "email", accessorKey: "email", meta: { label: "Email", searchable: true } },
  { id: "user_id", accessorKey: "user_id", meta: { label: "User id", searchable: true, hiddenByDefault: true }, cell: ({ row }) => <IdCell value={row.original.user_id} /> },
  {
    id: "organization",
    accessorFn: (r) => r.organization_name,
    // The server's order (lib/server/privileged/report.ts), so the first rows it sends ahead stay on top.
    sortingFn: (a, b) => compareByOrganization(a.original, b.original),
    meta: { label: "Organization", variant: "multiSelect", urlKey: "org" },
    cell: ({ row }) => (
      <Link className="text-brand-700 hover:underline" href={organizationHref(row.original.organization_uuid)}>
        {row.original.organization_name}
      </Link>
    ),
  },
  { id: "source", accessorKey: "source", meta: { label: "Comes from", variant: "multiSelect", options: SOURCE_OPTIONS }, cell: ({ row }) => (row.original.source === "organization_role" ? "Organization role" : "Group → role") },
  {
    id: "access",
    accessorKey: "access",
    meta: { label: "Access", variant: "multiSelect", searchable: true },
    cell: ({ row }) => (row.original.source === "organization_role" ? organizationRoleLabel(row.original.access) : <code className="text-xs">{row.original.access}</code>),
  },
  {
    id: "path",
    accessorFn: (r) => (r.group_name ? `${r.group_name} → ${r.role_name}` : "listed by the organization"),
    meta: { label: "Path", searchable: true },
    cell: ({ row }) => {
      const r = row.original;
      if (!r.group_id || !r.role_id) return <span className="text-slate-500">listed by the organization</span>;
      return (
        <span>
          <Link className="text-brand-700 hover:underline" href={groupHref(r.group_id)}>
            {r.group_name}
          </Link>
          {" → "}
          <Link className="text-brand-700 hover:underline" href={roleHref(r.organization_uuid, r.role_id)}>
            {r.role_name}
          </Link>
        </span>
      );
    },
  },
  {
    id: "resource",
    accessorFn: (r) => (r.resource_type ? `${r.resource_type} ${r.resource_id ?? ""}` : ""),
    meta: { label: "Resource", hiddenByDefault: true },
  },
  {
    id: "new_since",
    accessorFn: (r) => (r.new_since === undefined ? "" : r.new_since ? "new" : "before"),
    meta: { label: "New since", variant: "multiSelect", options: [{ value: "new", label: "New" }, { value: "before", label: "Held before" }], urlKey: "new" },
    cell: ({ row }) => (row.original.new_since ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">new</span> : null),
  },
];
