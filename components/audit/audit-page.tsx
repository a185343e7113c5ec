"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useQueryStates } from "nuqs";
import { useId, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";
import { DataTable } from "@/components/data-table/data-table";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { DownloadIcon, RefreshIcon } from "@/components/data-table/icons";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, auditEntrySchema, type AuditEntry } from "@/lib/shared/audit/entry";
import { localTimeZone } from "@/lib/browser/format/dates";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { toApiError } from "@/lib/browser/query/api-error";
import { auditKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";
import { auditColumns } from "./audit-columns";
import { auditCsvHref, auditFilterParams, auditViewParsers, auditViewProblem } from "./audit-view";
import { VerifyAuditLog } from "./verify-audit-log";

/*
 * The audit log: every export, refusal and login, newest first, filtered on the server (the log
 * can be long), in pages of 100 that append as the officer asks for older ones. The filters are
 * the URL; the CSV download takes the same filters and is itself an audited export.
 */

const PAGE_SIZE = 100;
const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), next_cursor: z.string().nullable() });

const PUSH = { history: "push", scroll: false } as const;

function ActorInput({ value, actors, onChange }: { value: string; actors: string[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
      Who
      <input
        type="search"
        list={`${id}-actors`}
        value={value}
        placeholder="any officer (exact name)"
        onChange={(e) => onChange(e.target.value)}
        className="h-7 w-44 rounded border border-slate-300 px-2 text-xs"
      />
      <datalist id={`${id}-actors`}>
        {actors.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </label>
  );
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} className="h-7 rounded border border-slate-300 bg-white px-1 text-xs">
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

function DayInput({ label, value, min, max, onChange }: { label: string; value: string; min?: string; max?: string; onChange: (v: string) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
      {label}
      <input type="date" value={value} min={min} max={max} onChange={(e) => onChange(e.target.value)} className="h-7 rounded border border-slate-300 px-1 text-xs" />
    </label>
  );
}

export function AuditPage() {
  // The URL is the view (nuqs): the Who box, the filters and the address bar never disagree, also after Back.
  const [view, setView] = useQueryStates(auditViewParsers, PUSH);
  const problem = auditViewProblem(view);
  const filters = useMemo(() => auditFilterParams(view), [view]);
  const csvDisabled = useExportDisabledReason();

  const query = useInfiniteQuery({
    queryKey: auditKeys.entries(filters),
    queryFn: ({ pageParam, signal }) => fetchJson("/api/audit", auditPageSchema, { signal, query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: !problem,
    // The log changes with every export; show what it holds now whenever the page is opened.
    staleTime: 0,
    refetchOnMount: "always",
  });

  const entries = useMemo<AuditEntry[]>(() => query.data?.pages.flatMap((p) => p.entries) ?? [], [query.data]);
  const actors = useMemo(() => [...new Set(entries.map((e) => e.actor))].sort(), [entries]);
  const table = useReactTable({ data: entries, columns: auditColumns, getRowId: (e) => e.id, getCoreRowModel: getCoreRowModel(), enableSorting: false });
  const error = query.error ? toApiError(query.error) : null;
  const active = Boolean(view.actor.trim() || view.action || view.outcome || view.from || view.to);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Audit log</h1>
        <p className="text-sm text-slate-600">
          Every export the dashboard made or refused, every seed list and reconciliation it handed out, every read of the whole directory (one entry per officer, page
          and sync an hour), and every login (failed ones too) and logout: who, when, which filters, rows and bytes sent, and the SHA-256 of exactly those bytes (compare it
          with <code className="font-mono">sha256sum</code> of a file in hand). Times in {localTimeZone()}; UTC on hover. Each entry is chained to the one before it by
          a hash, so an entry changed, removed or inserted afterwards shows when the log is verified.
        </p>
      </div>

      <VerifyAuditLog />

      <form role="search" aria-label="Filter the audit log" className="flex flex-wrap items-center gap-x-4 gap-y-2" onSubmit={(e) => e.preventDefault()}>
        <ActorInput value={view.actor} actors={actors} onChange={(v) => void setView({ actor: v }, { history: "replace" })} />
        <Select label="Action" value={view.action} options={AUDIT_ACTIONS} onChange={(v) => setView({ action: v })} />
        <Select label="Outcome" value={view.outcome} options={AUDIT_OUTCOMES} onChange={(v) => setView({ outcome: v })} />
        <DayInput label="From" value={view.from} max={view.to || undefined} onChange={(v) => setView({ from: v })} />
        <DayInput label="To" value={view.to} min={view.from || undefined} onChange={(v) => setView({ to: v })} />
        {active && (
          <button type="button" onClick={() => setView({ actor: "", action: "", outcome: "", from: "", to: "" })} className="h-7 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50">
            Clear filters
          </button>
        )}
        <div className="ml-auto flex items-center gap-2">
          <BusyButton onClick={() => void query.refetch()} busy={query.isFetching} size="inline-flex h-7 items-center gap-1 px-2 text-xs">
            <RefreshIcon />
            {query.isFetching && !query.isFetchingNextPage ? "Refreshing…" : "Refresh"}
          </BusyButton>
          {csvDisabled ? (
            <span className="inline-flex items-center gap-2">
              <button type="button" disabled aria-describedby="audit-csv-disabled" className="inline-flex h-7 cursor-not-allowed items-center gap-1 rounded bg-slate-300 px-2 text-xs text-slate-600">
                <DownloadIcon />
                Download CSV
              </button>
              <span id="audit-csv-disabled" className="text-xs text-slate-600">
                {csvDisabled}
              </span>
            </span>
          ) : (
            <a
              href={auditCsvHref(view)}
              download
              className="inline-flex h-7 items-center gap-1 rounded bg-brand-600 px-2 text-xs font-medium text-white hover:bg-brand-700"
              title="Every entry matching these filters, oldest first; the download is itself logged"
            >
              <DownloadIcon />
              Download CSV
            </a>
          )}
        </div>
      </form>

      <p className="text-xs text-slate-600" role="status" aria-live="polite">
        {problem
          ? problem
          : query.isPending
            ? "Loading the audit log…"
            : entries.length === 0
              ? ""
              : query.hasNextPage
                ? `The newest ${countOf(entries.length, "entry", "entries")}${active ? " matching the filters" : ""}; older ones follow.`
                : `All ${countOf(entries.length, "entry", "entries")}${active ? " matching the filters" : " in the log"}.`}
      </p>

      {error && <ErrorNotice error={error} onRetry={() => void query.refetch()} />}

      <DataTable
        table={table}
        label="Audit log entries, newest first"
        loading={query.isPending && !problem}
        empty={active ? "No entry matches these filters." : "The audit log is empty: nothing has been exported or logged in yet."}
        rowHeight={34}
      />

      {query.hasNextPage && (
        <div className="flex items-center gap-3">
          <BusyButton onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage} size="h-8 px-3 text-sm">
            {query.isFetchingNextPage ? "Loading older entries…" : `Load ${formatCount(PAGE_SIZE)} older entries`}
          </BusyButton>
        </div>
      )}
    </div>
  );
}

/** An outlined button that is disabled while the request it starts is running. */
function BusyButton({ onClick, busy, size, children }: { onClick: () => void; busy: boolean; size: string; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} disabled={busy} className={`${size} rounded border border-slate-300 bg-white hover:bg-slate-50 disabled:opacity-60`}>
      {children}
    </button>
  );
}
