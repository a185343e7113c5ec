"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { useDataTable } from "@/components/data-table/use-data-table";
import { WalkProgressLine } from "@/components/data-table/walk-progress-line";
import { errorHeadline, shownError } from "@/lib/browser/query/api-error";
import { organizationOverviewQuery } from "@/lib/browser/query/tree-queries";
import { answerWalk } from "@/lib/browser/query/answer-walk";
import type { Walk } from "@/lib/browser/query/use-walk";
import { formatCount } from "@/lib/browser/format/numbers";
import type { OrganizationOverview, StoredOverview } from "@/lib/shared/directory/tree-wire";
import { overviewColumns } from "./overview-columns";
import { storedOrganizationRows, type OrganizationRow } from "./organization-row";
import { StoredCountsLine, StoredHeading, TreeHeading } from "./tree-heading";
import { liveFigures, PENDING_FIGURES } from "./tree-totals";
import { useOrganizationTree } from "./use-organization-tree";

const NOUN = { one: "organization", other: "organizations" };
const rowId = (r: OrganizationRow) => r.uuid;

/**
 * The parent's organizations with their counts. From a complete sync the server counts them in one
 * answer; before the first sync completes the page counts them itself through the live routes.
 */
export function OrganizationTree({ firstScreen }: { firstScreen?: StoredOverview | null }) {
  // Seeded with the answer the server drew into the page (overview-first-screen.tsx), so it is not asked again.
  const overview = useQuery({ ...organizationOverviewQuery(), initialData: firstScreen ?? undefined });
  if (overview.data?.source === "live") return <LiveOrganizationTree />;
  return <StoredOrganizationTree overview={overview} />;
}

interface TreeLayoutProps {
  heading: ReactNode;
  /** Progress and failures, between the figures and the table. */
  notices: ReactNode;
  rows: OrganizationRow[];
  /** How far the organizations have come: the table is loading until they have, and blocked when they failed with none. */
  walk: Pick<Walk<OrganizationRow>, "status" | "loaded">;
}

function TreeLayout({ heading, notices, rows, walk }: TreeLayoutProps) {
  const controller = useDataTable({ data: rows, columns: overviewColumns, getRowId: rowId });
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      {heading}
      {notices}
      <DataTableToolbar controller={controller} searchLabel="Filter organizations by name or id" searchPlaceholder="Filter by name, uuid or org_ id" />
      <DataTableCounts table={controller.table} noun={NOUN} walk={walk} />
      <DataTable
        table={controller.table}
        label="Organizations under the parent"
        loading={walk.status === "loading" || walk.status === "partial"}
        rowHeight={44}
        blocked={walk.status === "error" && rows.length === 0 ? BLOCKED : undefined}
        empty="The key reaches no organizations."
        noMatches="No organization matches this filter."
      />
    </div>
  );
}

const BLOCKED = <p className="text-sm text-slate-600">The organization list could not be loaded (see above).</p>;

function StoredOrganizationTree({ overview }: { overview: UseQueryResult<OrganizationOverview> }) {
  const stored = overview.data?.source === "store" ? overview.data : undefined;
  const rows = useMemo(() => (stored ? storedOrganizationRows(stored) : []), [stored]);
  const error = shownError(overview.error);
  const notices = (
    <>
      {error && (
        <ErrorNotice error={error} onRetry={() => void overview.refetch()} compact>
          {stored && <p className="mt-0.5">The counts shown are the previous answer.</p>}
        </ErrorNotice>
      )}
      {stored && <StoredCountsLine overview={stored} />}
    </>
  );
  return (
    <TreeLayout
      heading={stored ? <StoredHeading overview={stored} /> : <TreeHeading figures={PENDING_FIGURES} />}
      notices={notices}
      rows={rows}
      walk={answerWalk(overview, rows)}
    />
  );
}

/** Failures grouped by what went wrong, so 40 identical "missing scope" errors read as one. */
function useFailures(rows: OrganizationRow[]) {
  return useMemo(() => {
    const byHeadline = new Map<string, { error: NonNullable<Extract<OrganizationRow["users"], { kind: "error" }>["error"]>; where: Set<string> }>();
    for (const r of rows)
      for (const [what, cell] of [
        ["users", r.users],
        ["roles", r.roles],
        ["settings", r.settings],
      ] as const) {
        if (cell.kind !== "error") continue;
        const key = `${errorHeadline(cell.error)}|${cell.error.type}`;
        const entry = byHeadline.get(key) ?? { error: cell.error, where: new Set<string>() };
        entry.where.add(`${what} of ${r.name}`);
        byHeadline.set(key, entry);
      }
    return [...byHeadline.values()];
  }, [rows]);
}

/** Before the first sync completes: three counts per organization, a few at a time, as the upstream answers. */
function LiveOrganizationTree() {
  const [paused, setPaused] = useState(false);
  const { rows, totals, pauseCounting, retryFailed } = useOrganizationTree({ paused });
  const failures = useFailures(rows);
  const orgs = totals.organizations;
  const counting = orgs.status === "complete" && totals.organizationsCounted < orgs.rows.length;

  const notices = (
    <>
      <WalkProgressLine walk={orgs} noun={NOUN} />
      {orgs.status === "complete" && (
        <div role="status" className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          {counting ? (
            <>
              <span>
                {paused ? "Counting paused" : "Counting"}: {formatCount(totals.organizationsCounted)} of {formatCount(orgs.rows.length)} organizations done
                {!paused && totals.running > 0 ? ` · ${totals.running} running` : ""} (users, roles and settings; a few at a time to share the API&apos;s rate)
              </span>
              <button
                type="button"
                onClick={() => {
                  if (!paused) pauseCounting();
                  setPaused(!paused);
                }}
                className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50"
              >
                {paused ? "Resume counting" : "Pause counting"}
              </button>
            </>
          ) : (
            <span data-counted="all">Every organization counted.</span>
          )}
        </div>
      )}
      {failures.map((f) => (
        <ErrorNotice key={`${f.error.type}-${f.error.message}`} error={f.error} onRetry={retryFailed} retryLabel="Retry failed counts" compact>
          <p className="mt-0.5">
            Affects {formatCount(f.where.size)} {f.where.size === 1 ? "count" : "counts"}: {[...f.where].slice(0, 4).join("; ")}
            {f.where.size > 4 ? "; …" : ""}
          </p>
        </ErrorNotice>
      ))}
    </>
  );
  return (
    <TreeLayout
      heading={<TreeHeading figures={liveFigures(totals)} />}
      notices={notices}
      rows={rows}
      walk={orgs}
    />
  );
}
