"use client";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import { organizationSettingsQuery, organizationsQuery, toApiError, useWalk } from "@/lib/browser/query";
import { shownError } from "@/lib/browser/query/api-error";
import { organizationsSettingsQuery } from "@/lib/browser/query/tree-queries";
import { NO_SETTINGS_MESSAGE, type StoredSettings } from "@/lib/shared/directory/tree-wire";
import { usePacedQueries } from "@/lib/browser/query/use-paced-queries";
import {
  baselineChoiceOf,
  buildSettingsMatrix,
  resolveBaseline,
  summarizeComparison,
  type OrganizationSettingsInput,
  type OrgSettingsState,
  type SettingsMatrix,
} from "@/lib/browser/settings/compare-settings";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { SettingsComparisonTable } from "./settings-comparison-table";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { pageParam } from "@/components/data-table/url-parsers";

/** Settings requests in flight at once: the rest queue here, not in the server's limiter. */
const SETTINGS_CONCURRENCY = 4;

/**
 * Every organization's settings side by side. From a complete sync the server sends them in one
 * answer; before the first sync completes the page asks organization by organization.
 */
export function SettingsComparison() {
  const stored = useQuery(organizationsSettingsQuery());
  if (stored.data?.source === "live") return <LiveSettingsComparison />;
  if (stored.data) return <StoredSettingsComparison answer={stored.data} />;
  const error = shownError(stored.error);
  if (error) return <ErrorNotice error={error} onRetry={() => void stored.refetch()} />;
  return (
    <p className="text-sm text-slate-600" role="status">
      Loading settings…
    </p>
  );
}

function StoredSettingsComparison({ answer }: { answer: StoredSettings }) {
  const organizations = answer.organizations;
  const matrix = useMemo(
    () =>
      buildSettingsMatrix(
        organizations.map((o) => ({
          orgUuid: o.uuid,
          orgName: o.name,
          state: o.settings ? { status: "ready", settings: o.settings } : { status: "error", message: NO_SETTINGS_MESSAGE },
        })),
      ),
    [organizations],
  );
  return <ComparisonView organizations={organizations} matrix={matrix} />;
}

function LiveSettingsComparison() {
  const orgs = useWalk(organizationsQuery());
  const organizations = useMemo(() => (orgs.status === "complete" ? orgs.rows : []), [orgs.status, orgs.rows]);
  const settings = usePacedQueries(
    useMemo(() => organizations.map((o) => organizationSettingsQuery(o.uuid)), [organizations]),
    { concurrency: SETTINGS_CONCURRENCY },
  );

  const inputs: OrganizationSettingsInput[] = organizations.map((o, i) => {
    const { result } = settings[i] ?? { result: undefined };
    let state: OrgSettingsState = { status: "loading" };
    if (result?.data) state = { status: "ready", settings: result.data };
    else if (result?.isError) {
      const error = toApiError(result.error);
      state = { status: "error", message: [error.message, error.requestId ? `request-id ${error.requestId}` : ""].filter(Boolean).join(" · ") };
    }
    return { orgUuid: o.uuid, orgName: o.name, state };
  });
  // Rebuilt only when an answer arrives, not on every render (a keystroke in the search box).
  const signature = inputs.map((c, i) => `${c.orgUuid}:${c.state.status}:${settings[i]?.result.dataUpdatedAt ?? 0}`).join("|");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const matrix = useMemo(() => buildSettingsMatrix(inputs), [signature]);

  if (orgs.status === "error" && orgs.error) return <ErrorNotice error={orgs.error} onRetry={orgs.resume} />;
  if (orgs.status !== "complete") {
    return <p className="text-sm text-slate-600" role="status">Loading organizations… {orgs.loaded ? `${formatCount(orgs.loaded)} so far` : ""}</p>;
  }
  return <ComparisonView organizations={organizations} matrix={matrix} />;
}

function ComparisonView({ organizations, matrix }: { organizations: readonly { uuid: string; name: string }[]; matrix: SettingsMatrix }) {
  const [baselineParam, setBaselineParam] = useQueryState("baseline", pageParam);
  const summary = summarizeComparison(matrix);
  const known = baselineParam !== "" && organizations.some((o) => o.uuid === baselineParam);
  const choice = baselineChoiceOf(known ? baselineParam : null);
  const baseline = useMemo(() => resolveBaseline(matrix, choice), [matrix, choice.kind === "organization" ? choice.orgUuid : ""]); // eslint-disable-line react-hooks/exhaustive-deps
  const sortedOrgs = useMemo(() => [...organizations].sort((a, b) => a.name.localeCompare(b.name)), [organizations]);

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
          </strong>{" "}
          between organizations
          {summary.failed > 0 ? <span className="text-red-800"> · {countOf(summary.failed, "organization")} failed to load</span> : null}
        </p>
        <span className="inline-flex items-center gap-2">
          <label htmlFor="settings-baseline">Baseline</label>
          <select
            id="settings-baseline"
            value={known ? baselineParam : ""}
            onChange={(e) => void setBaselineParam(e.target.value || null)}
            className="h-7 max-w-[22rem] rounded border border-slate-300 bg-white px-1 text-sm"
          >
            <option value="">The value most organizations hold, per setting</option>
            {sortedOrgs.map((o) => (
              <option key={o.uuid} value={o.uuid}>
                {o.name}
              </option>
            ))}
          </select>
        </span>
      </div>
      {baselineParam !== "" && !known ? (
        <p className="text-sm text-amber-900" role="status">
          The organization in this link is not among those the key reaches; comparing with the majority instead.
        </p>
      ) : null}
      <p id="settings-comparison-legend" className="text-xs text-slate-600">
        <span className="rounded bg-amber-100 px-1 font-medium text-amber-950">Highlighted cells</span> differ from the baseline
        {choice.kind === "majority" ? " (where no value has a majority, every organization of that setting is highlighted)" : ""}. Each setting
        column filters by its values, with how many organizations hold each. &ldquo;Not reported&rdquo;: the Compliance API omits settings an
        organization&rsquo;s admins cannot change.
      </p>
      <SettingsComparisonTable matrix={matrix} baseline={baseline} baselineUuid={choice.kind === "organization" ? choice.orgUuid : null} />
    </div>
  );
}
