"use client";

import type { SortingFn } from "@tanstack/react-table";
import { ORGANIZATION_ROLES } from "@/lib/shared/compliance/schemas";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { CountCell, IdCell } from "@/components/data-table/cells";
import { csvColumnsOf, type AnyColumnDef } from "@/components/data-table/column-spec";
import { selectColumn } from "@/components/data-table/select-column";
import { nameCell, organizationRolesCell, organizationsCell } from "./people-cells";
import { PEOPLE_COLUMN_SIZES as SIZE } from "./column-sizes";
import type { PeopleTableRow } from "./people-table-rows";

/*
 * The People table's columns. Filters, URL keys and CSV columns are declared here, in meta; the
 * kit's toolbar, URL state and CSV dialog read them.
 */

const byJoined: SortingFn<PeopleTableRow> = (a, b, columnId) =>
  (a.getValue<string[]>(columnId).join(", ")).localeCompare(b.getValue<string[]>(columnId).join(", "));


export const peopleColumns: AnyColumnDef<PeopleTableRow>[] = [
  selectColumn<PeopleTableRow>({ rowLabel: (r) => r.name || r.email, noun: "people" }),
  {
    accessorKey: "name",
    header: "Name",
    size: SIZE.name,
    meta: { label: "Name", searchable: true, csv: { header: "full_name", value: (r) => r.name } },
    cell: ({ row }) => nameCell(row.original),
  },
  {
    accessorKey: "email",
    header: "Email",
    size: SIZE.email,
    meta: { label: "Email", searchable: true, csv: { header: "email", value: (r) => r.email } },
  },
  {
    accessorKey: "id",
    header: "User id",
    size: SIZE.id,
    meta: { label: "User id", searchable: true, csv: { header: "user_id", value: (r) => r.id } },
    cell: ({ row }) => <IdCell value={row.original.id} label="user id" />,
  },
  {
    id: "organizations",
    accessorFn: (r) => r.organizations,
    header: "Organizations",
    size: SIZE.organizations,
    sortingFn: byJoined,
    meta: {
      label: "Organization",
      variant: "multiSelect",
      urlKey: "org",
      csv: { header: "organizations", value: (r) => r.organizations.join("; ") },
    },
    cell: ({ row }) => organizationsCell(row.original),
  },
  {
    id: "organizationRoles",
    accessorFn: (r) => r.organizationRoles,
    header: "Organization roles",
    size: SIZE.organizationRoles,
    sortingFn: byJoined,
    meta: {
      label: "Organization role",
      variant: "multiSelect",
      urlKey: "role",
      options: ORGANIZATION_ROLES.map((value) => ({ value, label: organizationRoleLabel(value) })),
      csv: { header: "organization_roles", value: (r) => r.memberships.map((m) => `${m.organization}: ${m.role}`).join("; ") },
    },
    cell: ({ row }) => organizationRolesCell(row.original),
  },
  {
    accessorKey: "domain",
    header: "Email domain",
    size: SIZE.domain,
    meta: { label: "Email domain", variant: "multiSelect", urlKey: "domain", hiddenByDefault: true },
  },
  {
    accessorKey: "groupCount",
    header: "Groups",
    size: SIZE.groupCount,
    meta: {
      label: "Groups",
      align: "right",
      csv: { header: "group_count", value: (r) => r.groupCount },
    },
    cell: ({ row }) => (
      <span title={row.original.groups.join("\n")}>
        <CountCell value={row.original.groupCount} />
      </span>
    ),
  },
  {
    id: "organizationUuids",
    accessorFn: (r) => r.organizationUuids.join(" "),
    header: "Organization uuids",
    size: SIZE.organizationUuids,
    enableSorting: false,
    meta: {
      label: "Organization uuids",
      hiddenByDefault: true,
      csv: { header: "organization_uuids", value: (r) => r.organizationUuids.join("; ") },
    },
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.organizationUuids.join(", ")}</span>,
  },
  {
    id: "groups",
    accessorFn: (r) => r.groups.join(", "),
    header: "Group names",
    size: SIZE.groups,
    enableSorting: false,
    meta: { label: "Group names", hiddenByDefault: true, csv: { header: "groups", value: (r) => r.groups.join("; ") } },
  },
];
