"use client";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { useMemo } from "react";
import { DataTableCsvDialog, DataTableToolbar, useDataTable } from "@/components/data-table";
import { organizationRolesQuery, organizationsQuery, useWalk } from "@/lib/browser/query";
import { rolesTableColumns } from "./roles-table-columns";
import { WalkedTable } from "@/components/detail/walked-table";

const NOUN = { one: "role", other: "roles" };
/** Stable across renders: the table treats a new array as a new sort. */
const BY_NAME = [{ id: "name", desc: false }];

/** Every RBAC role of one organization (walked whole), searchable, sortable, filterable by dates. */
export function OrganizationRoles({ orgUuid }: { orgUuid: string }) {
  const walk = useWalk(organizationRolesQuery(orgUuid));
  const orgName = useWalk(organizationsQuery()).rows.find((o) => o.uuid === orgUuid)?.name;
  const columns = useMemo(() => rolesTableColumns(orgUuid), [orgUuid]);
  const controller = useDataTable({
    data: walk.rows,
    columns,
    getRowId: (r) => r.id,
    defaultSorting: BY_NAME,
  });
  const { table } = controller;
  const exportDisabled = useExportDisabledReason();

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <DataTableToolbar controller={controller} searchLabel="Search roles by name, description or id" searchPlaceholder="Search name, description, role id…">
        <DataTableCsvDialog table={table} noun={NOUN} download={{ table: "roles", scope: { org: orgUuid } }} complete={walk.status === "complete"} loadedSoFar={walk.loaded} disabledReason={exportDisabled} />
      </DataTableToolbar>
      <WalkedTable table={table} noun={NOUN} walk={walk} label={`Roles of ${orgName ?? "the organization"}`} emptyWhenComplete="This organization defines no roles." />
    </div>
  );
}
