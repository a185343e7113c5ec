"use client";
import { useQuery } from "@tanstack/react-query";
import { parseAsString, useQueryState } from "nuqs";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, DataTableCounts, DataTableToolbar, ErrorNotice, matchingRows, useDataTable } from "@/components/data-table";
import { organizationHref } from "@/components/people/links";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { fetchJson, toApiError } from "@/lib/browser/query";
import { directoryKeys, syncKeys } from "@/lib/browser/query/keys";
import { usePrinting } from "@/components/print";
import { PRIVILEGED_FIRST_ROWS, privilegedReportSchema, type PrivilegedFirstScreen, type PrivilegedOrganization, type PrivilegedRow } from "@/lib/shared/privileged/wire";
import { syncListSchema } from "@/lib/shared/sync/wire";
import { privilegedColumns } from "./privileged-columns";
import { TableHead } from "@/components/results/table-head";
import { PrintedPrivilegedTable } from "./printed-table";

/*
 * The privileged access report: everyone whose access is administrative, by organization, with the
 * road to it; the one-primary-owner check per organization; what is new since an earlier sync.
 *
 * The server renders the counts and the table's first rows into the page (`firstScreen`, see
 * lib/server/first-screen), so they paint before any script runs; the whole report, which the table
 * filters and sorts in the tab, follows in the background. Until it is in, the table is busy and
 * its count says the rows are not all there yet.
 */

const NOUN = { one: "privileged access", other: "privileged accesses" };
const BY_ORG = [{ id: "organization", desc: false }];
const NO_ROWS: PrivilegedRow[] = [];
const rowId = (r: PrivilegedRow) => [r.user_id, r.organization_uuid, r.source, r.access, r.resource_id, r.group_id, r.role_id].join("|");

export function PrivilegedPage({ firstScreen }: { firstScreen?: PrivilegedFirstScreen | null }) {
  const [asOf] = useQueryState("as_of", parseAsString);
  const [since, setSince] = useQueryState("since", parseAsString.withOptions({ history: "push" }));
  const exportDisabled = useExportDisabledReason();

  const report = useQuery({
    queryKey: directoryKeys.privileged(asOf ?? null, since ?? null),
    queryFn: ({ signal }) => fetchJson("/api/directory/privileged", privilegedReportSchema, { signal, query: { as_of: asOf ?? undefined, since: since ?? undefined } }),
  });
  const syncs = useQuery({ queryKey: syncKeys.all, queryFn: ({ signal }) => fetchJson("/api/syncs", syncListSchema, { signal }) });
  const complete = useMemo(() => (syncs.data?.syncs ?? []).filter((s) => s.status === "complete"), [syncs.data]);
  const printing = usePrinting();

  // The server's first screen stands in until the whole report is here, for the view it was read for.
  const ahead = firstScreen && firstScreen.asOf === (asOf ?? null) && firstScreen.since === (since ?? null) ? firstScreen.report : undefined;
  // Without one (the report was still being computed when the page was asked for, or another view),
  // the counts and first rows are asked apart: they come as soon as the report is computed, not
  // after every row of it has been sent (at 200,000 memberships, hundreds of thousands of rows).
  const head = useQuery({
    queryKey: directoryKeys.privilegedHead(asOf ?? null, since ?? null),
    queryFn: ({ signal }) =>
      fetchJson("/api/directory/privileged", privilegedReportSchema, { signal, query: { as_of: asOf ?? undefined, since: since ?? undefined, limit: String(PRIVILEGED_FIRST_ROWS) } }),
    enabled: !ahead,
  });
  const shownReport = report.data ?? ahead ?? head.data;
  const allRows = report.data !== undefined;
  const rows = shownReport?.rows ?? NO_ROWS;
  const controller = useDataTable({ data: rows, columns: privilegedColumns, getRowId: rowId, defaultSorting: BY_ORG });
  const { table } = controller;
  const shown = matchingRows(table);

  const downloadHref = useMemo(() => {
    const q = new URLSearchParams();
    if (asOf) q.set("as_of", asOf);
    if (since) q.set("since", since);
    return `/api/export/privileged.csv${q.size ? `?${q}` : ""}`;
  }, [asOf, since]);

  const organizations = shownReport?.organizations ?? [];
  const ownerProblems = organizations.filter((o) => o.primary_owners !== 1);
  const newCount = allRows ? rows.filter((r) => r.new_since).length : undefined;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4 print:block print:p-0">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-lg font-semibold text-slate-900">Privileged access</h1>
          <p className="text-sm text-slate-600">
            Administrative organization roles (primary owner, owner, admin, membership admin) and RBAC permissions in the privileged set, with the path to each.
            {shownReport?.sync ? <> Sync of {formatDateTime(Date.parse(shownReport.sync.finished_at))}.</> : null}
          </p>
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
                .filter((s) => s.id !== (shownReport?.sync?.id ?? ""))
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    sync of {formatDateTime(Date.parse(s.finished_at ?? s.started_at))}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => window.print()}
            disabled={!allRows}
            title={allRows ? undefined : "Available once every row is loaded"}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            Print
          </button>
          {exportDisabled ? (
            <span className="text-xs text-slate-500" title={exportDisabled}>
              Download needs the exporter role
            </span>
          ) : (
            <a href={downloadHref} className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800" download>
              Download CSV (audited)
            </a>
          )}
        </div>
      </header>

      {report.error ? <ErrorNotice error={toApiError(report.error)} onRetry={() => void report.refetch()} /> : null}

      {shownReport ? (
        <section aria-label="Per organization" className="rounded border border-slate-200 bg-white">
          <p className="border-b border-slate-200 px-3 py-2 text-sm text-slate-700" role="status">
            {countOf(shownReport.people, "person", "people")} with privileged access across {countOf(organizations.length, "organization")}.{" "}
            {ownerProblems.length === 0 ? (
              <span className="text-emerald-800">Every organization has exactly one primary owner.</span>
            ) : (
              <span className="font-medium text-red-800">
                {countOf(ownerProblems.length, "organization")} without exactly one primary owner: {ownerProblems.map((o) => `${o.name} (${o.primary_owners})`).join(", ")}.
              </span>
            )}
            {since && newCount !== undefined ? <> {formatCount(newCount)} new since the chosen sync.</> : null}
          </p>
          <OrganizationCounts organizations={organizations} />
        </section>
      ) : null}

      <div className="flex min-h-0 flex-1 flex-col gap-2 print:hidden">
        <DataTableToolbar controller={controller} searchLabel="Search people, access or path" searchPlaceholder="Search name, email, action, group, role…" />
        <DataTableCounts table={table} noun={NOUN} walk={{ status: allRows || !shownReport ? "complete" : "partial", loaded: rows.length }} />
        <DataTable table={table} label="Privileged access" loading={report.isPending} empty="Nobody holds privileged access in this sync." />
      </div>
      {/* Every row of the view, so only while printing: kept in the DOM it would cost every render. */}
      {printing ? <PrintedPrivilegedTable rows={shown} syncId={shownReport?.sync?.id ?? null} syncAt={shownReport?.sync?.finished_at ?? null} /> : null}
      <details className="text-xs text-slate-600 print:hidden">
        <summary>Which permissions count as privileged</summary>
        <p className="mt-1">
          {shownReport?.privileged_actions.join(", ")}. The dashboard&apos;s operator sets this list.
        </p>
      </details>
    </div>
  );
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
                <Link className="text-brand-700 hover:underline" href={organizationHref(o.uuid)}>
                  {o.name}
                </Link>
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
