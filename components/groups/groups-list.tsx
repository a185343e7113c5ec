"use client";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { DataTable, DataTableCounts, DataTableCsvDialog, DataTableToolbar, ErrorNotice, useDataTable, WalkProgressLine } from "@/components/data-table";
import type { Role } from "@/lib/shared/compliance/schemas";
import { groupsQuery, useWalk } from "@/lib/browser/query";
import { shownError } from "@/lib/browser/query/api-error";
import { groupSizesQuery } from "@/lib/browser/query/tree-queries";
import { buildRoleIndex, resolveGroupRoles } from "@/lib/shared/groups/role-index";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { groupsTableColumns, type GroupRow } from "./groups-table-columns";
import { useGroupMemberCounts } from "./use-group-member-counts";
import { useOrganizationRoles, type PerOrganizationLists } from "./use-organization-lists";

const NOUN = { one: "group", other: "groups" };
/** Stable across renders: the table treats a new array as a new sort. */
const BY_NAME = [{ id: "name", desc: false }];
/** Up to this many groups, members are counted without asking: one walk per group. */
const AUTO_COUNT_LIMIT = 100;

type Counts = Map<string, Pick<GroupRow, "members" | "membersState">>;

/*
 * Every group of the parent: source facet, roles resolved to names (through every organization's
 * roles), and member counts: from the sync the page shows in one answer, or, before the first sync
 * completes, filled in progressively one group's members at a time.
 */
export function GroupsList() {
  const groups = useWalk(groupsQuery());
  const roles = useOrganizationRoles();
  const roleIndex = useMemo(() => buildRoleIndex(roles.lists.map((l) => ({ organization: l.organization, roles: l.rows }))), [roles.lists]);

  const sizes = useQuery(groupSizesQuery());
  const storedPairs = sizes.data?.source === "store" ? sizes.data.members : null;
  const storedSizes = useMemo(() => (storedPairs ? new Map(storedPairs) : null), [storedPairs]);
  const sizesError = sizes.data ? null : shownError(sizes.error);
  const [countAsked, setCountAsked] = useState(false);
  const groupsComplete = groups.status === "complete";
  const countLive = sizes.data?.source === "live";
  const countEnabled = countLive && groupsComplete && (countAsked || groups.rows.length <= AUTO_COUNT_LIMIT);
  const walkedCounts = useGroupMemberCounts(countLive && groupsComplete ? groups.rows : [], countEnabled);
  // A fresh Map each render, as the walked counts are: countsKey below says when the rows change.
  const counts: Counts = storedSizes
    ? new Map(
        groups.rows.map((g) => {
          const members = storedSizes.get(g.id);
          return [g.id, members === undefined ? { membersState: "idle" as const } : { members, membersState: "known" as const }];
        }),
      )
    : walkedCounts;
  const countsKey = [...counts.values()].map((c) => c.members ?? c.membersState).join(",");

  const rows = useMemo<GroupRow[]>(
    () =>
      groups.rows.map((group) => ({
        group,
        roles: resolveGroupRoles(group, roleIndex),
        ...(counts.get(group.id) ?? { membersState: "idle" as const }),
      })),
    // counts is a fresh Map each render; countsKey says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [groups.rows, roleIndex, countsKey],
  );
  const controller = useDataTable({ data: rows, columns: groupsTableColumns, getRowId: (r) => r.group.id, defaultSorting: BY_NAME });
  const { table } = controller;
  const exportDisabled = useExportDisabledReason();

  const counted = [...counts.values()].filter((c) => c.membersState === "known" || c.membersState === "error").length;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <DataTableToolbar controller={controller} searchLabel="Search groups by name, role or id" searchPlaceholder="Search name, role, group id…">
        <DataTableCsvDialog table={table} noun={NOUN} download={{ table: "groups" }} complete={groupsComplete} loadedSoFar={groups.loaded} disabledReason={exportDisabled} />
      </DataTableToolbar>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <DataTableCounts table={table} noun={NOUN} walk={groups} />
        <WalkProgressLine walk={groups} noun={NOUN} />
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600" role="status" aria-live="polite">
        <RoleResolutionLine roles={roles} />
        {storedSizes ? (
          <span>Members counted for every group.</span>
        ) : !countLive ? (
          sizesError ? null : (
            <span>Counting members…</span>
          )
        ) : groupsComplete && groups.rows.length > 0 ? (
          countEnabled ? (
            counted < groups.rows.length ? (
              <span>
                Counting members: {formatCount(counted)} of {countOf(groups.rows.length, "group")} (one list per group)…
              </span>
            ) : (
              <span>Members counted for every group.</span>
            )
          ) : (
            <span>
              Member counts need one list per group ({countOf(groups.rows.length, "group")}).{" "}
              <button type="button" onClick={() => setCountAsked(true)} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
                Count members
              </button>
            </span>
          )
        ) : null}
      </div>
      {roles.organizationsError ? <ErrorNotice error={roles.organizationsError} onRetry={roles.retryOrganizations} compact /> : null}
      {sizesError ? (
        <ErrorNotice error={sizesError} onRetry={() => void sizes.refetch()} retryLabel="Retry member counts" compact />
      ) : null}
      <DataTable
        table={table}
        label="Groups of the parent organization"
        loading={groups.status === "loading" || groups.status === "partial"}
        empty={groupsComplete ? "The parent organization has no groups." : "No groups loaded."}
      />
    </div>
  );
}

function RoleResolutionLine({ roles }: { roles: PerOrganizationLists<Role> }) {
  if (roles.organizationsStatus === "error") return null;
  if (roles.organizationsTotal === null) return <span>Resolving role names: loading organizations…</span>;
  if (roles.failed.length > 0) {
    return (
      <span className="text-amber-800" title={roles.failed.map((f) => `${f.organization.name}: ${f.error.message}`).join("\n")}>
        Roles of {countOf(roles.failed.length, "organization")} could not be loaded ({roles.failed.map((f) => f.organization.name).join(", ")}); their role ids
        show raw.
      </span>
    );
  }
  if (!roles.complete) {
    return (
      <span>
        Resolving role names: roles of {formatCount(roles.organizationsDone)} of {countOf(roles.organizationsTotal, "organization")} loaded…
      </span>
    );
  }
  return <span>Role names resolved across {countOf(roles.organizationsTotal, "organization")}; an unknown role id shows raw.</span>;
}
