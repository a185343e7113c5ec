"use client";
import type { ColumnDef } from "@tanstack/react-table";
import type { Permission } from "@/lib/shared/compliance/schemas";
import { IdCell } from "@/components/data-table/cells";

/*
 * A role's permissions. Permissions carry no id of their own, so rows are keyed by their position
 * in the API's order (`index`); the breadcrumb id of one permission is that position.
 */

export interface PermissionRow {
  index: number;
  permission: Permission;
}

const NONE = "(none)";

/** `onOpen(index)` shows one permission in full (and in the breadcrumb). */
export const permissionsTableColumns = (onOpen: (index: number) => void): ColumnDef<PermissionRow, any>[] => [
  {
    id: "action",
    accessorFn: (r) => r.permission.action,
    header: "Action",
    size: 260,
    meta: { label: "Action", variant: "multiSelect", searchable: true, csv: { header: "action", value: (r) => r.permission.action } },
    cell: ({ row, getValue }) => (
      <button
        type="button"
        onClick={() => onOpen(row.original.index)}
        className="font-mono text-xs text-brand-700 hover:underline"
        title="Show this permission"
      >
        {getValue<string>()}
      </button>
    ),
  },
  {
    id: "resource_type",
    accessorFn: (r) => r.permission.resource_type,
    header: "Resource type",
    size: 180,
    meta: {
      label: "Resource type",
      variant: "multiSelect",
      urlKey: "type",
      searchable: true,
      csv: { header: "resource_type", value: (r) => r.permission.resource_type },
    },
  },
  {
    id: "resource_id",
    accessorFn: (r) => r.permission.resource_id ?? NONE,
    header: "Resource id",
    size: 420,
    meta: { label: "Resource id", searchable: true, csv: { header: "resource_id", value: (r) => r.permission.resource_id ?? "" } },
    cell: ({ row }) =>
      row.original.permission.resource_id ? (
        <IdCell value={row.original.permission.resource_id} label="resource id" />
      ) : (
        <span className="text-slate-500" title="The permission names no single resource">none</span>
      ),
  },
];
