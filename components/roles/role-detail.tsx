"use client";
import { HistorySection } from "@/components/changes/history-section";
import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { useMemo } from "react";
import { useQueryState } from "nuqs";
import { RecordFacts } from "@/components/detail/record-facts";
import { WalkedTable } from "@/components/detail/walked-table";
import { RecordTable, type RecordTableLook } from "@/components/results/record-table";
import { DataTableCsvDialog, DataTableToolbar, ErrorNotice, IdCell, useDataTable, WalkProgressLine } from "@/components/data-table";
import { groupsQuery, organizationsQuery, rolePermissionsQuery, roleQuery, toApiError, useWalk } from "@/lib/browser/query";
import { groupsGrantingRole } from "@/lib/shared/groups/role-index";
import { countOf } from "@/lib/browser/format/numbers";
import { SourceBadge } from "@/components/groups/groups-table-columns";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { pageParam } from "@/components/data-table/url-parsers";
import { permissionsTableColumns, type PermissionRow } from "./permissions-table-columns";

const NOUN = { one: "permission", other: "permissions" };

const GRANTING_LOOK: RecordTableLook = { table: "max-w-4xl", row: "border-b border-slate-100", cell: "py-1 pr-3" };

/*
 * One role: what it is, every permission it carries (walked whole, faceted by action and resource
 * type), and the groups that grant it. A permission picked from the table (?perm=N, its position in
 * the API's order) extends the breadcrumb to organization → role → permission.
 */
export function RoleDetail({ orgUuid, roleId }: { orgUuid: string; roleId: string }) {
  const role = useQuery(roleQuery(orgUuid, roleId));
  const orgs = useWalk(organizationsQuery());
  const organization = orgs.rows.find((o) => o.uuid === orgUuid);
  const permissions = useWalk(rolePermissionsQuery(orgUuid, roleId));
  const groups = useWalk(groupsQuery());
  const [permParam, setPermParam] = useQueryState("perm", pageParam);

  const rows = useMemo<PermissionRow[]>(() => permissions.rows.map((permission, index) => ({ index, permission })), [permissions.rows]);
  const columns = useMemo(() => permissionsTableColumns((index) => setPermParam(String(index))), [setPermParam]);
  const controller = useDataTable({ data: rows, columns, getRowId: (r) => String(r.index) });
  const { table } = controller;

  const granting = useMemo(() => groupsGrantingRole(groups.rows, roleId), [groups.rows, roleId]);
  const selectedIndex = /^\d+$/.test(permParam) ? Number(permParam) : undefined;
  const selected = selectedIndex !== undefined ? rows[selectedIndex] : undefined;

  const orgLabel = organization?.name ?? "Organization";
  const roleLabel = role.data?.name ?? roleId;
  const exportDisabled = useExportDisabledReason();

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 p-4">
      <header>
        {role.isError ? (
          <ErrorNotice error={toApiError(role.error)} onRetry={() => void role.refetch()} />
        ) : (
          <>
            <h2 className="text-base font-semibold text-slate-900">
              <span className="sr-only">Role: </span>
              {role.data ? role.data.name : <span className="text-slate-500">Loading role…</span>}
            </h2>
            {role.data ? (
              <RecordFacts noun="role" record={role.data}>
                <dt className="text-slate-500">Organization</dt>
                <dd>
                  <AppLink href={`/organizations/${orgUuid}/roles`} className="text-brand-700 hover:underline">
                    {orgLabel}
                  </AppLink>
                </dd>
              </RecordFacts>
            ) : null}
          </>
        )}
      </header>


      <section aria-labelledby="granting-heading">
        <h3 id="granting-heading" className="mb-1 text-sm font-semibold text-slate-800">
          Groups that grant this role{groups.status === "complete" ? ` (${granting.length})` : ""}
        </h3>
        {groups.status === "error" && groups.error ? (
          <ErrorNotice error={groups.error} onRetry={groups.resume} />
        ) : groups.status !== "complete" ? (
          <WalkProgressLine walk={groups} noun={{ one: "group", other: "groups" }} />
        ) : granting.length === 0 ? (
          <p className="text-sm text-slate-600">No group grants this role (of {countOf(groups.rows.length, "group")} under the parent).</p>
        ) : (
          <RecordTable
            caption={<>Groups whose roles include {roleLabel}</>}
            rows={granting}
            rowKey={(g) => g.id}
            look={GRANTING_LOOK}
            columns={[
              { header: "Group", cell: (g) => <AppLink href={`/groups/${encodeURIComponent(g.id)}`} className="font-medium text-brand-700 hover:underline">{g.name}</AppLink> },
              { header: "Source", cell: (g) => <SourceBadge source={g.source_type} /> },
              { header: "Description", className: "text-slate-700", cell: (g) => g.description || <span className="text-slate-500">—</span> },
              { header: "Group id", cell: (g) => <IdCell value={g.id} label="group id" /> },
            ]}
          />
        )}
      </section>

      {selected ? (
        <section aria-labelledby="permission-heading" className="rounded border border-brand-100 bg-brand-50 p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <h3 id="permission-heading" className="font-semibold">
              Permission <span className="font-mono">{selected.permission.action}</span>
            </h3>
            <button type="button" onClick={() => setPermParam("")} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50">
              Close
            </button>
          </div>
          <p className="mt-1">
            Allows <span className="font-mono">{selected.permission.action}</span> on{" "}
            {selected.permission.resource_id ? (
              <>
                the {selected.permission.resource_type} <span className="font-mono">{selected.permission.resource_id}</span>
              </>
            ) : (
              <>{selected.permission.resource_type} resources (no single resource named)</>
            )}
            . Granted by the role <strong>{roleLabel}</strong>
            {groups.status === "complete"
              ? granting.length > 0
                ? <> to members of {granting.map((g, i) => (
                    <span key={g.id}>
                      {i > 0 ? ", " : ""}
                      <AppLink href={`/groups/${encodeURIComponent(g.id)}`} className="text-brand-700 hover:underline">{g.name}</AppLink>
                    </span>
                  ))}.</>
                : "; no group grants this role."
              : "."}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="permissions-heading" className="flex min-h-[24rem] flex-1 flex-col gap-2">
        <h3 id="permissions-heading" className="text-sm font-semibold text-slate-800">Permissions</h3>
        <DataTableToolbar controller={controller} searchLabel="Search permissions by action, resource type or resource id" searchPlaceholder="Search action, resource…">
          <DataTableCsvDialog
            table={table}
            noun={NOUN}
            download={{ table: "role_permissions", scope: { org: orgUuid, role: roleId } }}
            complete={permissions.status === "complete"}
            loadedSoFar={permissions.loaded}
            disabledReason={exportDisabled}
          />
        </DataTableToolbar>
        <WalkedTable table={table} noun={NOUN} walk={permissions} label={`Permissions of the role ${roleLabel}`} emptyWhenComplete="This role carries no permissions." />
      </section>
      <HistorySection subject={{ kind: "role", orgUuid, roleId }} />

    </div>
  );
}
