"use client";

import type { ColumnMeta, Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import type { FilterOption } from "@/components/data-table/column-meta";
import { PEOPLE_COLUMN_SIZES as SIZE } from "./column-sizes";
import { accessPathsCell, actionsCell, groupsCell, rbacRolesCell, type AccessFilters } from "./people-access-cells";
import type { PeopleTableRow } from "./people-table-rows";

/*
 * The People table's "who holds what" columns: RBAC roles, groups and permission actions as
 * faceted filters (values are ids and action names, labels come from the catalog), and where each
 * row's access comes from, following the table's filters. The cells are in people-access-cells.tsx.
 */

const ACCESS_FILTER_IDS = { actions: "actions", roles: "rbacRoles", groups: "groupIds", organizationRoles: "organizationRoles" } as const;

function selectedOf<T>(table: Table<T>, columnId: string): Set<string> | null {
  const v = table.getState().columnFilters.find((f) => f.id === columnId)?.value;
  return Array.isArray(v) && v.length ? new Set(v.map(String)) : null;
}

function filtersOf(table: Table<PeopleTableRow>): AccessFilters {
  return {
    actions: selectedOf(table, ACCESS_FILTER_IDS.actions),
    roles: selectedOf(table, ACCESS_FILTER_IDS.roles),
    groups: selectedOf(table, ACCESS_FILTER_IDS.groups),
    organizationRoles: selectedOf(table, ACCESS_FILTER_IDS.organizationRoles),
  };
}

/** The facets' labelled options (values someone holds, by label), as the People query route lists them. */
export interface PeopleFacetOptions {
  rbac: FilterOption[];
  group: FilterOption[];
  action: FilterOption[];
}

/** A column over one of a row's id lists: faceted by its values, never sorted. */
function listColumn(
  id: "rbacRoles" | "groupIds" | "actions",
  header: string,
  size: number,
  meta: ColumnMeta<PeopleTableRow, unknown>,
  cell: (row: PeopleTableRow) => ReactNode,
): AnyColumnDef<PeopleTableRow> {
  return { id, accessorFn: (r) => r[id], getUniqueValues: (r) => r[id], header, size, enableSorting: false, meta, cell: ({ row }) => cell(row.original) };
}

/** "Access via" first: where each row's access comes from is what a filter on these columns asks; the lists follow. */
export function peopleAccessColumns(options: PeopleFacetOptions): AnyColumnDef<PeopleTableRow>[] {
  return [
    {
      id: "access",
      accessorFn: (r) => r.grants.length + r.memberships.length,
      header: "Access via",
      size: SIZE.access,
      enableSorting: false,
      meta: { label: "Access via" },
      cell: ({ row, table }) => accessPathsCell(row.original, filtersOf(table)),
    },
    listColumn("rbacRoles", "RBAC roles", SIZE.rbacRoles, { label: "RBAC role", variant: "multiSelect", urlKey: "rbac", options: options.rbac }, rbacRolesCell),
    listColumn("groupIds", "Group", SIZE.groupIds, { label: "Group", variant: "multiSelect", urlKey: "group", hiddenByDefault: true, options: options.group }, groupsCell),
    listColumn("actions", "Permission actions", SIZE.actions, { label: "Permission action", variant: "multiSelect", urlKey: "action", options: options.action }, actionsCell),
  ];
}
