"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { parseAsString, useQueryStates } from "nuqs";
import { useEffect, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useDataTable } from "@/components/data-table/use-data-table";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { isChangeKind, type ChangeKind } from "@/lib/shared/changes/change";
import { isNewAdmin } from "@/lib/shared/changes/describe";
import { EMPTY_VIEW, viewParams, type ChangesView } from "@/lib/shared/changes/view";
import { defaultPair, type ChangesFirstScreen } from "@/lib/shared/changes/changes-wire";
import { usePrinting } from "@/components/print";
import { toApiError } from "@/lib/browser/query/api-error";
import { syncKeys } from "@/lib/browser/query/keys";
import { syncsQuery } from "@/lib/browser/query/sync-queries";
import { changesPageFetch, changesSummaryQuery } from "./change-queries";
import { changesColumns, toRows } from "./changes-table-columns";
import { ChangesPrint } from "./changes-print";
import { CountsLine } from "./counts-line";
import { sameSyncNote } from "./same-sync";
import { SyncPicker, syncBefore } from "./sync-picker";

/*
 * The Changes page: what changed between two complete syncs (default: the newest two), or since a
 * day. Counts in words at the top, every change in the table with its filters, and downloads of
 * the view (CSV, NDJSON) through the audited server routes with the same filters.
 *
 * The server renders the syncs, the counts and the first changes into the page (`firstScreen`, see
 * lib/server/first-screen), so the first rows paint with the document; the rest follow page by page.
 */

const NOUN = { one: "change", other: "changes" };
const PUSH = { history: "push", scroll: false } as const;
const pairParsers = { from: parseAsString.withDefault(""), to: parseAsString.withDefault(""), since: parseAsString.withDefault("") };

function filterValues(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
}

export function ChangesPage({ firstScreen }: { firstScreen?: ChangesFirstScreen | null }) {
  const [pair, setPair] = useQueryStates(pairParsers, PUSH);
  const syncs = useQuery(syncsQuery());
  // The header may have asked for the syncs first (so no initial data here): the server's list stands in until they come.
  const syncList = syncs.data ?? firstScreen?.syncs;
  const complete = useMemo(() => (syncList?.syncs ?? []).filter((s) => s.status === "complete"), [syncList]);

  // since=<day>: from the last complete sync before that day to the newest; else the picked pair; else the newest two.
  const sinceSync = pair.since ? syncBefore(pair.since, complete) : undefined;
  const picked = defaultPair(complete, pair.from, pair.to);
  const to = pair.since ? (complete[0]?.id ?? "") : picked.to;
  const from = pair.since ? (sinceSync?.id ?? "") : picked.from;
  // One sync compared with itself lists nothing: say why instead of asking the server.
  const same = sameSyncNote(complete.length, from, to, pair.since);
  const ready = from !== "" && to !== "" && same === null;
  const ahead = firstScreen?.pair && firstScreen.pair.from === from && firstScreen.pair.to === to ? firstScreen.pair : undefined;

  const summary = useQuery({ ...changesSummaryQuery(from, to), enabled: ready, initialData: ahead?.summary });
  const pages = useInfiniteQuery({
    queryKey: syncKeys.changes(from, to),
    queryFn: ({ pageParam, signal }) => changesPageFetch(from, to, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    initialData: ahead ? { pages: [ahead.page], pageParams: [undefined] } : undefined,
    enabled: ready,
    staleTime: Infinity,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const labels = summary.data?.labels;
  const rows = useMemo(() => {
    if (!labels || !pages.data) return [];
    const all = pages.data.pages.flatMap((p) => p.changes);
    return toRows(all, labels);
  }, [labels, pages.data]);
  const allLoaded = pages.isSuccess && !hasNextPage;
  const columns = useMemo(() => changesColumns(rows), [rows]);
  const controller = useDataTable({ data: rows, columns, getRowId: (r) => r.id });
  const newAdmins = allLoaded ? rows.filter((r) => isNewAdmin(r.change)).length : undefined;

  // The view on screen, as the downloads' query parameters.
  const filters = controller.table.getState().columnFilters;
  const view: ChangesView = { ...EMPTY_VIEW, q: controller.search ?? "" };
  for (const f of filters) {
    const values = filterValues(f.value);
    if (f.id === "kind") view.kinds = values.filter(isChangeKind) as ChangeKind[];
    else if (f.id === "organization") view.orgs = values;
    else if (f.id === "group") view.groups = values;
    else if (f.id === "role") view.roles = values;
    else if (f.id === "person") view.people = values;
    else if (f.id === "widens") view.widens = values.includes("widens");
  }
  const onlyOther = filters.some((f) => f.id === "widens" && filterValues(f.value).includes("other"));
  const exportDisabled = useExportDisabledReason();
  const downloadQuery = ready ? `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${viewParams(view).toString() ? `&${viewParams(view).toString()}` : ""}` : "";

  const printing = usePrinting();
  const error = syncs.error ?? summary.error ?? pages.error;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4 print:block">
      {/* Every change of the view, so only while printing: kept in the DOM it would cost every render. */}
      {printing ? <ChangesPrint table={controller.table} from={from} to={to} /> : null}
      <div className="contents print:hidden">
      <header className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold text-slate-900">Changes</h1>
        {complete.length > 0 ? (
          <SyncPicker
            syncs={complete}
            from={from}
            to={to}
            since={pair.since}
            onPair={(f, t) => void setPair({ from: f, to: t, since: null })}
            onSince={(day) => void setPair({ since: day || null, from: null, to: null })}
          />
        ) : syncList ? (
          <p className="text-sm text-slate-700">No complete sync yet. Start one from the header; changes appear once there are two.</p>
        ) : null}
        {same ? (
          <p className="text-sm text-slate-800" data-testid="changes-counts">
            {same}
          </p>
        ) : summary.data ? (
          <CountsLine summary={summary.data} newAdmins={newAdmins} />
        ) : null}
      </header>
      {error ? <ErrorNotice error={toApiError(error)} onRetry={() => void (syncs.error ? syncs.refetch() : summary.error ? summary.refetch() : pages.refetch())} /> : null}
      <DataTableToolbar controller={controller} searchLabel="Search changes" searchPlaceholder="Search names, emails, ids…">
        {/* No pair to compare (one sync, or the same sync twice): nothing to download, and no link to a refusal.
            The server builds a download whole, so it does not wait for the table's pages here. */}
        {onlyOther || !ready ? null : (
          <span className="inline-flex items-center gap-2 text-xs">
            {exportDisabled ? (
              <span className="text-slate-500" title={exportDisabled}>
                Downloads need the exporter role
              </span>
            ) : (
              <>
                <a className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" href={`/api/directory/changes.csv?${downloadQuery}`}>
                  Download CSV
                </a>
                <a className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" href={`/api/directory/changes.ndjson?${downloadQuery}`}>
                  Download NDJSON
                </a>
              </>
            )}
          </span>
        )}
      </DataTableToolbar>
      <DataTableCounts table={controller.table} noun={NOUN} walk={{ status: allLoaded || same ? "complete" : pages.isError ? "error" : "partial", loaded: rows.length }} />
      <DataTable
        table={controller.table}
        label={`Changes from ${from} to ${to}`}
        loading={!allLoaded && !error && !same}
        empty={<span>{same ?? "No changes between these two syncs."}</span>}
      />
      </div>
    </div>
  );
}
