"use client";
import { useQuery } from "@tanstack/react-query";
import { parseAsString, useQueryState } from "nuqs";
import { AppLink } from "@/components/shell/app-link";
import { useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { DataTable, DataTableCounts, DataTableToolbar, ErrorNotice } from "@/components/data-table";
import type { ServerRows } from "@/components/data-table/server-rows";
import { facetCountsOf, facetFiltersOf, useServerWindow, useShowsEarlierView } from "@/components/data-table/server-window";
import { useDataTableOn, useTableView } from "@/components/data-table/use-data-table";
import { organizationHref } from "@/components/people/links";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { formatCount } from "@/lib/browser/format/numbers";
import { fetchJson, toApiError } from "@/lib/browser/query";
import { shownError } from "@/lib/browser/query/api-error";
import { syncKeys } from "@/lib/browser/query/keys";
import { PRIVILEGED_DEFAULT_SORT, PRIVILEGED_FACETS, PRIVILEGED_PRINT_MAX, PRIVILEGED_WINDOW, privilegedViewParams, type PrivilegedFirstScreen, type PrivilegedView } from "@/lib/shared/privileged/query-wire";
import type { PrivilegedOrganization, PrivilegedRow } from "@/lib/shared/privileged/wire";
import { syncListSchema } from "@/lib/shared/sync/wire";
import { privilegedColumns } from "./privileged-columns";
import { fetchPrivileged, privilegedViewQuery, privilegedWindowQuery, type ReportPair } from "./privileged-query";
import { PrivilegedHeading, PrivilegedSummaryLine } from "./privileged-summary";
import { TableHead } from "@/components/results/table-head";
import { PrintedPrivilegedTable } from "./printed-table";

/*
 * The privileged access report: everyone whose access is administrative, by organization, with the
 * road to it; the one-primary-owner check per organization; what is new since an earlier sync.
 *
 * The server keeps the report (333,000 rows at 200,000 memberships) and answers the view (search,
 * filters, sort) with one window of rows, the counts and the facets' counts
 * (GET /api/directory/privileged/query); the table scrolls over every matching row and asks for the
 * window in view. The first window comes with the page's HTML (lib/server/first-screen) and seeds
 * the same query, so nothing is fetched twice. Print and the download ask the server for the view.
 */

const NOUN = { one: "privileged access", other: "privileged accesses" };
const DEFAULT_SORT = PRIVILEGED_DEFAULT_SORT;
const rowId = (r: PrivilegedRow) => [r.user_id, r.organization_uuid, r.source, r.access, r.resource_id, r.group_id, r.role_id].join("|");

export function PrivilegedPage({ firstScreen }: { firstScreen?: PrivilegedFirstScreen | null }) {
  const [asOf] = useQueryState("as_of", parseAsString);
  const [since, setSince] = useQueryState("since", parseAsString.withOptions({ history: "push" }));
  const pair = useMemo<ReportPair>(() => ({ asOf: asOf ?? null, since: since ?? null }), [asOf, since]);
  const exportDisabled = useExportDisabledReason();
  const syncs = useQuery({ queryKey: syncKeys.all, queryFn: ({ signal }) => fetchJson("/api/syncs", syncListSchema, { signal }) });
  const complete = useMemo(() => (syncs.data?.syncs ?? []).filter((s) => s.status === "complete"), [syncs.data]);

  const view = useTableView(privilegedColumns);
  const { search, filters, sorting } = view.url;
  const query = useMemo<PrivilegedView>(() => ({ q: search, sort: sorting.length ? sorting : DEFAULT_SORT, ...facetFiltersOf(filters, PRIVILEGED_FACETS) }), [search, sorting, filters]);
  const viewQuery = useMemo(() => privilegedViewQuery(pair, query).toString(), [pair, query]);
  const { offset, onRange } = useServerWindow(viewQuery, PRIVILEGED_WINDOW);

  // The server's first window (rendered with the page) is the answer of the view it was read for.
  const seeded = firstScreen && firstScreen.asOf === pair.asOf && firstScreen.since === pair.since && firstScreen.viewKey === privilegedViewParams(query).toString() ? firstScreen.answer : undefined;
  // The view's first window carries the facets' counts and stays in the cache while a later one is shown.
  const head = useQuery({ ...privilegedWindowQuery(pair, query, 0), initialData: seeded });
  const shown = useQuery({ ...privilegedWindowQuery(pair, query, offset), initialData: offset === 0 ? seeded : undefined });
  const answer = shown.data;
  const earlier = useShowsEarlierView(viewQuery, shown);
  const report = head.data ?? answer;
  const rows = answer?.rows ?? NO_ROWS;
  const server = useMemo<ServerRows>(
    () => ({
      offset: answer?.offset ?? 0,
      matched: answer?.matched ?? 0,
      total: answer?.rows_total ?? 0,
      earlier,
      facets: facetCountsOf(head.data?.facets, PRIVILEGED_FACETS),
      onRange,
      // Selection is not offered on this table; "all matching" is the download's, which sends the view.
      matchingIds: async () => [],
    }),
    [answer, earlier, head.data, onRange],
  );
  const controller = useDataTableOn({ data: rows, columns: view.columns, getRowId: rowId, defaultSorting: DEFAULT_SORT, server }, view);
  const { table } = controller;

  const error = shownError(shown.error);
  const loading = !error && (shown.isPending || shown.isPlaceholderData);
  const printing = usePrintedView(pair, query, viewQuery, answer?.matched);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4 print:block print:p-0">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <PrivilegedHeading />
          {report?.sync ? <p className="text-xs text-slate-600">Sync of {formatDateTime(Date.parse(report.sync.finished_at))}.</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          <label className="text-sm text-slate-700">
            New since{" "}
            <select
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
              value={since ?? ""}
              onChange={(e) => void setSince(e.target.value || null)}
              aria-label="Mark access that is new since this sync"
            >
              <option value="">(no comparison)</option>
              {complete
                .filter((s) => s.id !== (report?.sync?.id ?? ""))
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    sync of {formatDateTime(Date.parse(s.finished_at ?? s.started_at))}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            onClick={printing.start}
            disabled={!answer || printing.busy}
            title={`Prints the rows of the current view (at most ${formatCount(PRIVILEGED_PRINT_MAX)})`}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            {printing.busy ? "Preparing…" : "Print"}
          </button>
          {exportDisabled ? (
            <span className="text-xs text-slate-500" title={exportDisabled}>
              Download needs the exporter role
            </span>
          ) : (
            <a
              href={`/api/export/privileged.csv?${viewQuery}`}
              title="Every row of the current view (search, filters and sort), built on the server and recorded in the audit log"
              className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800"
              download
            >
              Download CSV (audited)
            </a>
          )}
        </div>
      </header>
      {printing.note ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 print:hidden">
          {printing.note}
        </p>
      ) : null}

      {report ? (
        <section aria-label="Per organization" className="rounded border border-slate-200 bg-white">
          <p className="border-b border-slate-200 px-3 py-2 text-sm text-slate-700" role="status">
            <PrivilegedSummaryLine people={report.people} organizations={report.organizations} newCount={report.new_count} />
          </p>
          <OrganizationCounts organizations={report.organizations} />
        </section>
      ) : null}

      <div className="flex min-h-0 flex-1 flex-col gap-2 print:hidden">
        <DataTableToolbar controller={controller} searchLabel="Search people, access or path" searchPlaceholder="Search name, email, action, group, role…" />
        {answer && <DataTableCounts table={table} noun={NOUN} />}
        {error && answer ? (
          <ErrorNotice error={error} onRetry={() => void shown.refetch()} compact>
            <p className="mt-0.5">The last search, filter or scroll could not be answered; the rows shown are from the one before.</p>
          </ErrorNotice>
        ) : null}
        <DataTable
          table={table}
          label="Privileged access"
          loading={loading}
          blocked={!answer && error ? <ErrorNotice error={error} onRetry={() => void shown.refetch()} /> : undefined}
          empty="Nobody holds privileged access in this sync."
          noMatches="No privileged access matches the current search and filters."
        />
      </div>
      {printing.rows ? (
        <PrintedPrivilegedTable rows={printing.rows} syncId={report?.sync?.id ?? null} syncAt={report?.sync?.finished_at ?? null} />
      ) : (
        <p className="hidden text-sm print:block">The rows are printed with the page&apos;s Print button (the current view, at most {formatCount(PRIVILEGED_PRINT_MAX)} rows).</p>
      )}
      <details className="text-xs text-slate-600 print:hidden">
        <summary>Which permissions count as privileged</summary>
        <p className="mt-1">
          {report?.privileged_actions.join(", ")}. The dashboard&apos;s operator sets this list.
        </p>
      </details>
    </div>
  );
}

const NO_ROWS: PrivilegedRow[] = [];

const tooManyToPrint = (rows: number) =>
  `This view has ${formatCount(rows)} rows; printing takes at most ${formatCount(PRIVILEGED_PRINT_MAX)}. Narrow the view with the search or filters, or download the CSV.`;

/**
 * Print: the view's rows asked from the server when the officer presses Print (the tab holds one
 * window, not the report), then the browser's print dialog. A view over the cap is not printed:
 * the note says to narrow it or download the CSV.
 */
function usePrintedView(pair: ReportPair, view: PrivilegedView, viewQuery: string, matched: number | undefined) {
  const [state, setState] = useState<{ viewQuery: string; rows?: PrivilegedRow[]; note?: string; busy?: boolean } | null>(null);
  const current = state?.viewQuery === viewQuery ? state : null;
  const start = async () => {
    if (matched !== undefined && matched > PRIVILEGED_PRINT_MAX) return setState({ viewQuery, note: tooManyToPrint(matched) });
    setState({ viewQuery, busy: true });
    try {
      const answer = await fetchPrivileged(pair, { ...view, limit: PRIVILEGED_PRINT_MAX, facets: false });
      if (answer.matched > answer.rows.length) return setState({ viewQuery, note: tooManyToPrint(answer.matched) });
      // The rows in the DOM before the dialog takes its snapshot of the page.
      flushSync(() => setState({ viewQuery, rows: answer.rows }));
      window.print();
    } catch (e) {
      setState({ viewQuery, note: `The rows to print could not be read: ${toApiError(e).message}` });
    }
  };
  return { start: () => void start(), busy: Boolean(current?.busy), rows: current?.rows, note: current?.note };
}

function OrganizationCounts({ organizations }: { organizations: PrivilegedOrganization[] }) {
  return (
    <div className="max-h-56 overflow-auto print:max-h-none">
      <table className="w-full text-left text-sm">
        <TableHead
          headers={["Organization", "Primary owners", "Owners", "Admins", "Membership admins", "Via group permissions", "People"]}
          className="sticky top-0 bg-slate-50 text-xs text-slate-600"
          cellClassName={(i) => (i === 0 ? "px-3 py-1 font-medium" : "px-3 py-1 text-right font-medium")}
        />
        <tbody>
          {organizations.map((o) => (
            <tr key={o.uuid} className="border-t border-slate-100">
              <td className="px-3 py-1">
                <AppLink className="text-brand-700 hover:underline" href={organizationHref(o.uuid)}>
                  {o.name}
                </AppLink>
              </td>
              <td className={`px-3 py-1 text-right tabular-nums ${o.primary_owners === 1 ? "" : "font-semibold text-red-800"}`}>
                {o.primary_owners}
                {o.primary_owners === 1 ? null : <span className="sr-only"> (expected exactly one)</span>}
              </td>
              <td className="px-3 py-1 text-right tabular-nums">{o.owners}</td>
              <td className="px-3 py-1 text-right tabular-nums">{o.admins}</td>
              <td className="px-3 py-1 text-right tabular-nums">{o.membership_admins}</td>
              <td className="px-3 py-1 text-right tabular-nums">{o.permission_holders}</td>
              <td className="px-3 py-1 text-right tabular-nums">{o.people}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
