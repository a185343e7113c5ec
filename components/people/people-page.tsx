"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableCsvDialog } from "@/components/data-table/data-table-csv-dialog";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import type { ServerRows } from "@/components/data-table/server-rows";
import { facetCountsOf, facetFiltersOf, useServerWindow, useShowsEarlierView } from "@/components/data-table/server-window";
import { useDataTableOn, useTableView } from "@/components/data-table/use-data-table";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { PEOPLE_DEFAULT_SORT, PEOPLE_FACETS, type PeopleFirstScreen, type PeopleQueryInput } from "@/lib/shared/directory/people-query-wire";
import { viewAsOf } from "@/lib/browser/query/as-of";
import { shownError } from "@/lib/browser/query/api-error";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { DirectoryAsOf } from "./directory-as-of";
import { PasteListButton } from "./paste-list-button";
import { peopleColumns } from "./people-table-columns";
import { peopleAccessColumns, type PeopleFacetOptions } from "./people-access-columns";
import { matchingPeopleIds, narrowedWindowOf, PEOPLE_WINDOW, peopleOptionsQuery, peopleViewKey, peopleFacetsQuery, peopleWindowQuery } from "./people-query";
import { peopleTableRowOf, type PeopleTableRow } from "./people-table-rows";
import { PeopleHeading } from "./people-first-screen";

/*
 * Everyone in the directory, one row per `user_...` id across all organizations. The server holds
 * the sync's directory and answers the view (search, filters, sort) with one window of rows, the
 * counts and the facets' counts (GET /api/directory/people/query); the table scrolls over every
 * matching row and asks for the window in view. Counts, facets, "select all" and downloads cover
 * everyone matching, not the window.
 */

const NOUN = { one: "person", other: "people" };
const DEFAULT_SORT = PEOPLE_DEFAULT_SORT;
const rowId = (r: PeopleTableRow) => r.id;
const NO_OPTIONS: PeopleFacetOptions = { rbac: [], group: [], action: [] };
// The dialog states how many rows it downloads: not before the view's count is in.
const COUNTING_FOR_DOWNLOAD = "Counting the people who match the search and filters…";

/** The access columns (whose facet labels come from the server) right after the organization roles. */
function withAccessColumns(base: AnyColumnDef<PeopleTableRow>[], access: AnyColumnDef<PeopleTableRow>[]): AnyColumnDef<PeopleTableRow>[] {
  const at = base.findIndex((c) => c.id === "organizationRoles");
  return at < 0 ? [...base, ...access] : [...base.slice(0, at + 1), ...access, ...base.slice(at + 1)];
}

export function PeoplePage({ firstScreen }: { firstScreen?: PeopleFirstScreen | null }) {
  const exportDisabled = useExportDisabledReason();
  const options = useQuery(peopleOptionsQuery()).data ?? NO_OPTIONS;
  const columns = useMemo(() => withAccessColumns(peopleColumns, peopleAccessColumns(options)), [options]);
  const view = useTableView(columns);
  const { search, filters, sorting } = view.url;

  const query = useMemo<PeopleQueryInput>(() => ({ q: search, sort: sorting.length ? sorting : DEFAULT_SORT, ...facetFiltersOf(filters, PEOPLE_FACETS) }), [search, sorting, filters]);
  const viewKey = peopleViewKey(query);
  const { offset, onRange } = useServerWindow(viewKey, PEOPLE_WINDOW);

  // The server's first window (rendered with the page) is this query's answer when the view is the one it was read for.
  const seeded = firstScreen && offset === 0 && viewKey === firstScreen.viewKey && !viewAsOf() ? firstScreen.answer : undefined;
  // Facet counts are asked for only while a facet panel is open (ServerRows.watchFacets).
  const [panelsOpen, setPanelsOpen] = useState(0);
  const watchFacets = useCallback(() => {
    setPanelsOpen((n) => n + 1);
    return () => setPanelsOpen((n) => n - 1);
  }, []);
  const wantFacets = panelsOpen > 0;
  const people = useQuery({ ...peopleWindowQuery(query, offset, wantFacets), initialData: seeded });
  const answer = people.data;
  // The previous answer narrowed in the tab while this view's is asked for: the rows are this view's, the count may be short.
  const narrowedWindow = people.isPlaceholderData ? narrowedWindowOf(answer) : undefined;
  const counting = narrowedWindow !== undefined && !narrowedWindow.complete;
  // Not narrowed (a letter deleted, another sort): the rows stay the earlier view's until the answer.
  const earlier = useShowsEarlierView(viewKey, people) && narrowedWindow === undefined;
  const facetsAnswer = useQuery({ ...peopleFacetsQuery(query), enabled: wantFacets });
  const facetCounts = facetsAnswer.data;
  // Counts that failed are not pending: the panel shows none rather than "Counting…" for ever.
  const facetsPending = wantFacets && !facetsAnswer.isError && (facetsAnswer.isPlaceholderData || facetCounts === undefined);
  const rows = useMemo(() => (answer ? answer.rows.map(peopleTableRowOf) : []), [answer]);
  const server = useMemo<ServerRows>(
    () => ({
      offset: answer?.offset ?? 0,
      matched: answer?.matched ?? 0,
      total: answer?.total ?? 0,
      counting,
      earlier,
      facets: facetCountsOf(facetCounts?.facets, PEOPLE_FACETS),
      facetsPending,
      watchFacets,
      list: answer?.list,
      onRange,
      matchingIds: () => matchingPeopleIds(query, answer?.sync),
    }),
    [answer, counting, earlier, facetCounts, facetsPending, watchFacets, onRange, query],
  );
  const controller = useDataTableOn({ data: rows, columns, getRowId: rowId, defaultSorting: DEFAULT_SORT, server }, view);
  const { table } = controller;

  const error = shownError(people.error);
  const complete = answer !== undefined;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <PeopleHeading />
      {answer && <DirectoryAsOf data={answer} />}

      {error && complete && (
        <ErrorNotice error={error} onRetry={() => void people.refetch()} compact>
          <p className="mt-0.5">The last search or filter could not be answered; the rows shown are from the one before.</p>
        </ErrorNotice>
      )}

      <DataTableToolbar controller={controller} searchLabel="Search people by name, email or user id" searchPlaceholder="Name, email, user_… id, or a pasted list">
        <PasteListButton onApply={controller.setSearch} />
        <DataTableCsvDialog table={table} noun={NOUN} download={{ table: "people", sync: answer?.sync ?? null, matchingQuery: viewKey }} complete={complete} disabledReason={exportDisabled ?? (counting || earlier ? COUNTING_FOR_DOWNLOAD : undefined)} />
      </DataTableToolbar>
      {complete && <DataTableCounts table={table} noun={NOUN} />}

      <DataTable
        table={table}
        label="People across all organizations"
        loading={(!complete && !error) || people.isPlaceholderData}
        blocked={!complete && error ? <ErrorNotice error={error} onRetry={() => void people.refetch()} /> : undefined}
        empty="No one is in any organization or group of this tree."
        noMatches="No one matches the current search and filters."
      />
    </div>
  );
}
