"use client";

import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableCsvDialog } from "@/components/data-table/data-table-csv-dialog";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useDataTable } from "@/components/data-table/use-data-table";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import type { CatalogLine } from "@/lib/directory/wire";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { DirectoryAsOf } from "./directory-as-of";
import { DirectoryProgressLine } from "./directory-progress-line";
import { peopleDirectoryQuery } from "./directory-queries";
import { PasteListButton } from "./paste-list-button";
import { peopleColumns } from "./people-table-columns";
import { peopleAccessColumns } from "./people-access-columns";
import { peopleTableRows, type PeopleTableRow } from "./people-table-rows";
import { useDirectoryQuery } from "./use-directory-query";

/*
 * Everyone in the directory, one row per `user_...` id across all organizations. The server walks
 * the whole tree once (shared by every officer, kept for the cache TTL); the table appears when
 * that walk is complete, never before, so every count and filter covers everyone.
 */

const NOUN = { one: "person", other: "people" };
const DEFAULT_SORT = [{ id: "name", desc: false }];
const rowId = (r: PeopleTableRow) => r.id;
// The access columns exist before the directory arrives, so their URL keys (action=, rbac=) are read from the first render.
const EMPTY_CATALOG: CatalogLine = { type: "catalog", organizations: [], groups: [], roles: [], actions: [] };

/** The access columns (whose facet labels need the catalog) right after the organization roles. */
function withAccessColumns(base: AnyColumnDef<PeopleTableRow>[], access: AnyColumnDef<PeopleTableRow>[]): AnyColumnDef<PeopleTableRow>[] {
  const at = base.findIndex((c) => c.id === "organizationRoles");
  return at < 0 ? [...base, ...access] : [...base.slice(0, at + 1), ...access, ...base.slice(at + 1)];
}

export function PeoplePage() {
  const directory = useDirectoryQuery(peopleDirectoryQuery());
  const { data, phase, error } = directory;
  const exportDisabled = useExportDisabledReason();

  const rows = useMemo(() => (data ? peopleTableRows(data) : []), [data]);
  const columns = useMemo(() => withAccessColumns(peopleColumns, peopleAccessColumns(data?.catalog ?? EMPTY_CATALOG, rows)), [data, rows]);
  const controller = useDataTable({ data: rows, columns, getRowId: rowId, defaultSorting: DEFAULT_SORT });
  const { table } = controller;
  const complete = phase === "ready";

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold text-slate-900">People</h1>
        <p className="text-xs text-slate-600">Everyone in every organization and group of the tree, one row per user id.</p>
      </div>
      {data && <DirectoryAsOf data={data} />}

      {(phase === "loading" || directory.refreshing) && (
        <DirectoryProgressLine progress={directory.progress} onCancel={directory.cancel} refreshing={directory.refreshing} />
      )}
      {phase === "cancelled" && (
        <div role="status" className="flex items-center gap-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          <span>Loading the directory was cancelled; nothing is shown, because a partial directory would mislead.</span>
          <button type="button" onClick={directory.retry} className="rounded border border-amber-300 bg-white px-2 py-0.5 font-medium hover:bg-amber-100">
            Load the directory
          </button>
        </div>
      )}
      {error && complete && (
        <ErrorNotice error={error} onRetry={directory.retry} compact>
          <p className="mt-0.5">The refresh failed; the list shown is the previous complete directory.</p>
        </ErrorNotice>
      )}

      <DataTableToolbar controller={controller} searchLabel="Search people by name, email or user id" searchPlaceholder="Name, email, user_… id, or a pasted list">
        <PasteListButton rows={rows} onApply={controller.setSearch} />
        <DataTableCsvDialog table={table} noun={NOUN} download={{ table: "people", sync: data?.sync ?? null }} complete={complete} disabledReason={exportDisabled} />
      </DataTableToolbar>
      {complete && <DataTableCounts table={table} noun={NOUN} />}

      <DataTable
        table={table}
        label="People across all organizations"
        loading={phase === "loading"}
        blocked={phase === "error" && error ? <ErrorNotice error={error} onRetry={directory.retry} /> : undefined}
        empty={phase === "cancelled" ? "Not loaded." : "No one is in any organization or group of this tree."}
        noMatches="No one matches the current search and filters."
      />
    </div>
  );
}
