"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import type { ChangeLabels } from "@/lib/shared/changes/change";
import { describeChange } from "@/lib/shared/changes/describe";
import { widensAccess } from "@/lib/shared/changes/widens";
import { toApiError } from "@/lib/browser/query/api-error";
import { historyQuery, type HistorySubject } from "./change-queries";
import { formatCount } from "@/lib/browser/format/numbers";

/*
 * A compact "History" section for a person, group, role or organization's settings: what changed,
 * newest first, each with the sync where it was first seen. From the kept syncs only.
 */

const NO_LABELS: ChangeLabels = { organizations: {}, groups: {}, roles: {} };
const SHOWN = 20;

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "unknown time");

export function HistorySection({ subject, title = "History" }: { subject: HistorySubject; title?: string }) {
  const history = useQuery(historyQuery(subject));
  const labels: ChangeLabels = history.data?.labels ?? NO_LABELS;
  const [all, setAll] = useState(false);
  const events = history.data?.events ?? [];
  const shown = all ? events : events.slice(0, SHOWN);
  return (
    <section aria-label={title} className="flex flex-col gap-1" data-testid="history-section">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {history.error ? <ErrorNotice compact error={toApiError(history.error)} onRetry={() => void history.refetch()} /> : null}
      {history.isPending ? <p className="text-xs text-slate-500">Reading the kept syncs…</p> : null}
      {history.isSuccess && events.length === 0 ? <p className="text-xs text-slate-600">No changes in the kept syncs.</p> : null}
      {shown.length > 0 ? (
        <ol className="flex flex-col gap-0.5 text-xs">
          {shown.map((e, i) => (
            <li key={`${e.sync.seq}-${i}`} className="flex gap-2">
              <time className="shrink-0 font-mono text-slate-500" dateTime={e.sync.finished_at ?? undefined} title={`sync ${e.sync.id}`}>
                {when(e.sync.finished_at)}
              </time>
              <span className="text-slate-800">
                {describeChange(e, labels)}
                {widensAccess(e, labels) ? <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">▲ widens access</span> : null}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {events.length > SHOWN ? (
        <button type="button" className="self-start text-xs text-brand-700 hover:underline" onClick={() => setAll((v) => !v)}>
          {all ? "Show fewer" : `Show all ${formatCount(events.length)}`}
        </button>
      ) : null}
    </section>
  );
}
