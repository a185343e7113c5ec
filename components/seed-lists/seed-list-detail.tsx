"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useQueryState } from "nuqs";
import { DateCell } from "@/components/data-table/cells";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { FreshCheckbox } from "@/components/forms/request-controls";
import { Panel } from "@/components/results/panel";
import { smallButtonClass as buttonClass } from "@/components/forms/styles";
import { useExportDisabledReason, useOfficer } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { toApiError } from "@/lib/browser/query/api-error";
import { seedListKeys } from "@/lib/browser/query/keys";
import { postJson } from "@/lib/browser/query/request";
import { resolutionRefSchema, type SeedListDetail } from "@/lib/shared/seed-lists/schema";
import { pageParam } from "@/components/data-table/url-parsers";
import { ComparisonView } from "./comparison-view";
import { ResolutionView } from "./resolution-view";
import { seedListDetailQuery, seedListDownloadHref } from "./seed-list-queries";
import { sourceLabel } from "./source-label";
import { SeedListPrint } from "./seed-list-print";

/*
 * One saved list: what it was made from and by whom, its resolutions (pick one, compare it with
 * another), re-resolving against today's directory, and the three downloads of the resolution
 * shown. The shown and compared resolutions are in the URL (`?resolution=&against=`).
 */

const num = (s: string) => (/^[1-9][0-9]*$/.test(s) ? Number(s) : undefined);

function Downloads({ detail }: { detail: SeedListDetail }) {
  const disabled = useExportDisabledReason();
  const n = detail.resolution.counts.people;
  const items = [
    { format: "csv" as const, label: "CSV", what: "user_id, email, full_name, organization_uuids" },
    { format: "txt" as const, label: "User ids (text)", what: "one user_… id per line" },
    { format: "json" as const, label: "JSON for Activity Feed / chats", what: "actor_ids, user_ids, organization_ids" },
  ];
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
      <span>
        Download resolution #{detail.shown}: {formatCount(n)} {n === 1 ? "person" : "people"} (matched only), recorded in the audit log.
      </span>
      {items.map((i) =>
        disabled ? (
          <span key={i.format} className={`${buttonClass} cursor-not-allowed opacity-50`} title={disabled} aria-disabled="true">
            {i.label}
          </span>
        ) : (
          <a key={i.format} href={seedListDownloadHref(detail.meta.id, i.format, detail.shown)} download className={buttonClass} title={i.what}>
            {i.label}
          </a>
        ),
      )}
      {disabled && <span className="text-slate-500">{disabled}</span>}
    </div>
  );
}

export function SeedListDetailPage({ id }: { id: string }) {
  const [resolutionParam, setResolution] = useQueryState("resolution", pageParam);
  const [againstParam, setAgainst] = useQueryState("against", pageParam);
  const q = useQuery(seedListDetailQuery(id, num(resolutionParam), num(againstParam)));
  const queryClient = useQueryClient();
  const officer = useOfficer();
  const [fresh, setFresh] = useState(true);
  const reResolve = useMutation({
    mutationFn: () => postJson(`/api/seed-lists/${encodeURIComponent(id)}/re-resolve`, { fresh }, resolutionRefSchema),
    onSuccess: async (ref) => {
      await queryClient.invalidateQueries({ queryKey: seedListKeys.all });
      void setAgainst("", { history: "replace" });
      void setResolution(String(ref.number));
    },
  });

  if (q.error) return <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <p className="text-sm text-slate-600">Loading the list…</p>;

  const shownRef = d.history.find((h) => h.number === d.shown);
  return (
    <>
    <SeedListPrint detail={d} />
    <div className="flex flex-col gap-3 print:hidden">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">{d.meta.name}</h1>
        <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
          Saved by {d.meta.created_by} on <DateCell value={d.meta.created_at} /> from {d.meta.input_summary}.
        </p>
      </div>

      <section aria-labelledby="seed-sources" className="rounded border border-slate-200 bg-white p-3">
        <h2 id="seed-sources" className="text-sm font-semibold text-slate-900">
          Input, as entered
        </h2>
        <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
          {d.sources.map((s, i) => (
            <li key={i}>
              {sourceLabel(s)}: {countOf(s.entries.length, "entry", "entries")}
              {s.kind === "csv" && (
                <span className="text-slate-500">
                  {" "}
                  ({countOf(s.rows, "row")}, SHA-256 <code className="font-mono">{s.sha256.slice(0, 16)}…</code>)
                </span>
              )}
              {s.kind === "group" && <span className="text-slate-500"> (members when the list was saved)</span>}
            </li>
          ))}
        </ul>
      </section>

      <Panel title="Resolutions">
        <div className="flex flex-wrap items-center gap-3 text-xs text-slate-700">
          <label className="inline-flex items-center gap-1">
            Showing
            <select value={d.shown} onChange={(e) => (setAgainst("", { history: "replace" }), setResolution(e.target.value))} className="h-7 rounded border border-slate-300 bg-white px-1 text-xs">
              {d.history.map((h) => (
                <option key={h.number} value={h.number}>
                  #{h.number}: {formatDateTime(Date.parse(h.resolved_at))} by {h.resolved_by}
                </option>
              ))}
            </select>
          </label>
          {d.history.length > 1 && (
            <label className="inline-flex items-center gap-1">
              compared with
              <select value={d.comparison?.earlier ?? ""} onChange={(e) => setAgainst(e.target.value)} className="h-7 rounded border border-slate-300 bg-white px-1 text-xs">
                <option value="">the one before</option>
                {d.history
                  .filter((h) => h.number !== d.shown)
                  .map((h) => (
                    <option key={h.number} value={h.number}>
                      #{h.number}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {shownRef && <span>Directory as of {formatDateTime(Date.parse(shownRef.directory_built_at))}.</span>}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass} disabled={reResolve.isPending || officer?.role === "viewer"} onClick={() => reResolve.mutate()}>
            Re-resolve against today&apos;s directory
          </button>
          <FreshCheckbox checked={fresh} onChange={setFresh} />
          {reResolve.isPending && (
            <span role="status" className="text-xs text-slate-600">
              Re-resolving…
            </span>
          )}
          {officer?.role === "viewer" && <span className="text-xs text-slate-500">Re-resolving needs the exporter role.</span>}
        </div>
        {reResolve.error && <ErrorNotice error={toApiError(reResolve.error)} compact />}
        <Downloads detail={d} />
      </Panel>

      {d.comparison && <ComparisonView comparison={d.comparison} />}

      <section aria-label="Resolution lists" className="rounded border border-slate-200 bg-white p-3">
        <ResolutionView resolution={d.resolution} sources={d.sources} />
      </section>
    </div>
    </>
  );
}
