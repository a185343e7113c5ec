"use client";
import { useMemo } from "react";
import { organizationSettingsQuery, organizationsQuery, toApiError, useWalk } from "@/lib/query";
import { usePacedQueries } from "@/lib/query/use-paced-queries";
import { useUrlParam } from "@/lib/url-state";
import { compareSettings, summarizeComparison, type OrgSettingsState } from "@/lib/settings/compare-settings";
import { countOf, formatCount } from "@/lib/format/numbers";
import { SettingsComparisonTable, type ComparisonColumnView } from "./settings-comparison-table";
import { ErrorNotice } from "@/components/data-table/error-notice";

/** Settings requests in flight at once: the rest queue here, not in the server's limiter. */
const SETTINGS_CONCURRENCY = 4;

export function SettingsComparison() {
  const orgs = useWalk(organizationsQuery());
  const organizations = useMemo(() => (orgs.status === "complete" ? orgs.rows : []), [orgs.status, orgs.rows]);
  const settings = usePacedQueries(
    useMemo(() => organizations.map((o) => organizationSettingsQuery(o.uuid)), [organizations]),
    { concurrency: SETTINGS_CONCURRENCY },
  );
  const [diffParam, setDiffParam] = useUrlParam("diff");
  const onlyDifferences = diffParam === "1";

  const columns: ComparisonColumnView[] = organizations.map((o, i) => {
    const { result } = settings[i] ?? { result: undefined };
    let state: OrgSettingsState = { status: "loading" };
    let error = null;
    if (result?.data) state = { status: "ready", settings: result.data };
    else if (result?.isError) {
      error = toApiError(result.error);
      state = { status: "error", message: error.message };
    }
    return { orgUuid: o.uuid, orgName: o.name, state, error };
  });
  const rows = compareSettings(columns);
  const summary = summarizeComparison(columns, rows);
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;

  if (orgs.status === "error" && orgs.error) return <ErrorNotice error={orgs.error} onRetry={orgs.resume} />;
  if (orgs.status !== "complete") {
    return <p className="text-sm text-slate-600" role="status">Loading organizations… {orgs.loaded ? `${formatCount(orgs.loaded)} so far` : ""}</p>;
  }
  if (organizations.length === 0) return <p className="text-sm text-slate-600">The access key reaches no organizations.</p>;

  const settled = summary.loaded + summary.failed;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <p role="status" aria-live="polite">
          {settled < summary.total ? (
            <span>
              Loading settings: {formatCount(settled)} of {countOf(summary.total, "organization")}…{" "}
            </span>
          ) : (
            <span>{countOf(summary.total, "organization")} compared. </span>
          )}
          <strong className={summary.differing > 0 ? "text-amber-900" : ""}>
            {formatCount(summary.differing)} of {countOf(summary.settings, "setting")} differ
          </strong>
          {summary.failed > 0 ? <span className="text-red-800"> · {countOf(summary.failed, "organization")} failed to load</span> : null}
        </p>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={onlyDifferences}
            onChange={(e) => setDiffParam(e.target.checked ? "1" : "")}
            className="h-4 w-4"
          />
          Only differences
        </label>
      </div>
      <p id="settings-comparison-legend" className="text-xs text-slate-600">
        <span className="mr-1 inline-block h-3 w-3 translate-y-0.5 rounded-sm border-l-4 border-amber-500 bg-amber-50" aria-hidden="true" />
        Marked rows differ between organizations;{" "}
        <span className="rounded bg-amber-100 px-1 font-medium text-amber-950">highlighted cells</span> differ from what most organizations hold.
        &ldquo;Not reported&rdquo;: the Compliance API omits settings an organization&rsquo;s admins cannot change.
      </p>
      {shown.length === 0 ? (
        <p className="rounded border border-slate-200 p-4 text-sm text-slate-600">
          {onlyDifferences && rows.length > 0 ? "Every organization loaded so far holds the same settings." : "No settings loaded yet."}
        </p>
      ) : (
        <SettingsComparisonTable columns={columns} rows={shown} />
      )}
    </div>
  );
}
