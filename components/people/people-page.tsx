"use client";

import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableCsvDialog } from "@/components/data-table/data-table-csv-dialog";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useDataTable } from "@/components/data-table/use-data-table";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { isAbortError, toApiError } from "@/lib/query/api-error";
import { DirectoryProgressLine } from "./directory-progress-line";
import { useDirectoryProgress } from "./directory-progress";
import { peopleDirectoryQuery } from "./directory-queries";
import { DirectoryAsOf } from "./directory-as-of";
import { PasteListButton } from "./paste-list-button";
import { peopleColumns } from "./people-table-columns";
import { peopleTableRows, type PeopleTableRow } from "./people-table-rows";

/*
 * Everyone in the directory, one row per `user_...` id across all organizations. The server walks
 * the whole tree once (shared by every officer, kept for the cache TTL); the table appears when
 * that walk is complete, never before, so every count and filter covers everyone.
 */

const NOUN = { one: "person", other: "people" };
const DEFAULT_SORT = [{ id: "name", desc: false }];
const rowId = (r: PeopleTableRow) => r.id;

export function PeoplePage() {
  const queryClient = useQueryClient();
  const options = peopleDirectoryQuery();
  const query = useQuery(options);
  const hash = hashKey(options.queryKey);
  const progress = useDirectoryProgress(hash);
  const exportDisabled = useExportDisabledReason();

  const rows = useMemo(() => (query.data ? peopleTableRows(query.data) : []), [query.data]);
  const controller = useDataTable({ data: rows, columns: peopleColumns, getRowId: rowId, defaultSorting: DEFAULT_SORT });
  const { table } = controller;

  const cancel = useCallback(() => void queryClient.cancelQueries({ queryKey: options.queryKey, exact: true }), [queryClient, options.queryKey]);
  const { refetch } = query;
  const error = query.error && !isAbortError(query.error) ? toApiError(query.error) : null;
  const complete = query.data !== undefined;
  const cancelled = !complete && !query.isFetching && !error;

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold text-slate-900">People</h1>
        <p className="text-xs text-slate-600">Everyone in every organization and group of the tree, one row per user id.</p>
        {query.data && <DirectoryAsOf data={query.data} />}
      </div>

      {query.isFetching && <DirectoryProgressLine progress={progress} onCancel={cancel} refreshing={complete} />}
      {cancelled && (
        <div role="status" className="flex items-center gap-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          <span>Loading the directory was cancelled; nothing is shown, because a partial directory would mislead.</span>
          <button type="button" onClick={() => void refetch()} className="rounded border border-amber-300 bg-white px-2 py-0.5 font-medium hover:bg-amber-100">
            Load the directory
          </button>
        </div>
      )}
      {error && complete && (
        <ErrorNotice error={error} onRetry={() => void refetch()} compact>
          <p className="mt-0.5">The refresh failed; the list shown is the previous complete directory.</p>
        </ErrorNotice>
      )}

      <DataTableToolbar controller={controller} searchLabel="Search people by name, email or user id" searchPlaceholder="Name, email or user_… id (a pasted list shows just those)">
        <PasteListButton rows={rows} onApply={controller.setSearch} />
        <DataTableCsvDialog table={table} noun={NOUN} filenameBase="people" complete={complete} disabledReason={exportDisabled} />
      </DataTableToolbar>
      {complete && <DataTableCounts table={table} noun={NOUN} />}

      <DataTable
        table={table}
        label="People across all organizations"
        loading={!complete && query.isFetching}
        blocked={error && !complete ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : undefined}
        empty={cancelled ? "Not loaded." : "No one is in any organization or group of this tree."}
        noMatches="No one matches the current search and filters."
      />
    </div>
  );
}
