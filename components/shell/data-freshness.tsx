"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { formatUtc } from "@/lib/browser/format/dates";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { syncDay, syncTime } from "@/lib/browser/format/sync-time";
import { errorHeadline, toApiError } from "@/lib/browser/query/api-error";
import { syncKeys } from "@/lib/browser/query/keys";
import { postJson } from "@/lib/browser/query/request";
import { useShownSync } from "@/lib/browser/query/shown-sync";
import { completeSyncs, syncsQuery } from "@/lib/browser/query/sync-queries";
import type { SyncWire } from "@/lib/shared/sync/wire";
import { useViewAsOf } from "./as-of-scope";
import { useOfficer } from "./officer-context";
import { SyncPicker } from "./sync-picker";

/*
 * What the officer is looking at: "As of 06:00, sync of 3 Dec" (their time zone; UTC on hover),
 * a running sync's progress, "Sync now" for exporters, and "Newer data: reload" when a newer sync
 * completed while the page was open. Data on screen is never swapped without the officer asking.
 */

function asOfLine(finishedAt: string): { text: string; title: string } {
  const ms = Date.parse(finishedAt);
  return { text: `As of ${syncTime(ms)}, sync of ${syncDay(ms)}`, title: `Directory as read by the sync that finished ${formatUtc(ms)}` };
}

function progressText(s: SyncWire): string {
  const p = s.progress;
  if (!p || p.phase === "listing") return "Syncing: listing organizations and groups…";
  if (p.phase === "saving" || p.phase === "done") return `Syncing: saving ${countOf(p.membershipsSoFar, "membership")}…`;
  const orgs = p.organizationsTotal === null ? `${formatCount(p.organizationsDone)}` : `${formatCount(p.organizationsDone)} of ${formatCount(p.organizationsTotal)}`;
  return `Syncing: ${orgs} organizations, ${countOf(p.membershipsSoFar, "membership")}`;
}

/** What the officer reads when "Sync now" is refused: the server's words, else the status. */
function syncNowError(e: unknown): string {
  const error = toApiError(e);
  return error.type === "http_error" ? `The sync could not be started (HTTP ${error.status}).` : error.message;
}

function SyncNowButton({ running }: { running: boolean }) {
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => postJson("/api/syncs", {}, z.unknown()),
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.all }),
  });
  return (
    <>
      <button
        type="button"
        disabled={start.isPending || running}
        onClick={() => start.mutate()}
        className="h-7 rounded border border-slate-300 bg-white px-2 text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        title="Read the whole directory from the Compliance API again; pages keep showing the current sync until you reload"
      >
        {running ? "Sync running" : "Sync now"}
      </button>
      {start.error && (
        <span role="alert" className="text-red-700">
          {syncNowError(start.error)}
        </span>
      )}
    </>
  );
}

export function DataFreshness() {
  const officer = useOfficer();
  const asOf = useViewAsOf();
  const shown = useShownSync();
  const syncs = useQuery(syncsQuery());
  const list = syncs.data?.syncs ?? [];
  const running = list.find((s) => s.status === "running");
  const newest = completeSyncs(list)[0];
  const viewed = asOf ? list.find((s) => s.id === asOf) : undefined;

  let line: { text: string; title?: string };
  if (asOf) line = viewed?.finished_at ? asOfLine(viewed.finished_at) : { text: "As of an earlier sync" };
  else if (shown?.source === "store" && shown.asOf) line = asOfLine(shown.asOf);
  else if (shown?.source === "live") line = { text: "Live data: the first sync is running", title: "Pages read the Compliance API directly until the first sync completes" };
  else if (newest?.finished_at) line = asOfLine(newest.finished_at);
  else line = { text: running ? "No complete sync yet" : syncs.isError ? "Sync status unavailable" : "Loading…" };

  const newer =
    !asOf && newest && ((shown?.source === "store" && shown.id !== newest.id && Date.parse(newest.finished_at ?? "") > Date.parse(shown.asOf ?? "")) || shown?.source === "live");
  const [latest] = list;
  const failed = latest && (latest.status === "failed" || latest.status === "cancelled") ? latest : undefined;

  return (
    <div className="contents text-xs text-slate-600" data-testid="data-freshness">
      <span data-testid="as-of-line" title={line.title}>
        {line.text}
      </span>
      <SyncPicker syncs={completeSyncs(list)} />
      {running && (
        <span role="status" className="max-w-56 truncate text-slate-700" title={progressText(running)} data-testid="sync-progress">
          {progressText(running)}
        </span>
      )}
      {!running && failed && (
        <span className="text-red-700" title={failed.error?.message}>
          Last sync {failed.status}
        </span>
      )}
      {syncs.isError && <span className="text-red-700">{errorHeadline(toApiError(syncs.error))}</span>}
      {newer && (
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="h-7 rounded border border-brand-300 bg-brand-50 px-2 font-medium text-brand-900 hover:bg-brand-100"
          title="A newer sync completed: reload to show it (nothing on this page changes until you do)"
        >
          Newer data: reload
        </button>
      )}
      {officer?.role === "exporter" && <SyncNowButton running={!!running} />}
    </div>
  );
}
