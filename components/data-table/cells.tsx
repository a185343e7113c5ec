"use client";

import { formatDateTime, formatUtc, parseTimestamp } from "@/lib/browser/format/dates";
import { formatCount } from "@/lib/browser/format/numbers";
import { CopyButton } from "./copy-button";

/* Cell renderers every table shares. Kept light: one of each per rendered row. */

/** An id in monospace with a copy button. */
export function IdCell({ value, label = "id" }: { value: string; label?: string }) {
  return (
    <span className="flex min-w-0 items-center gap-1">
      <span className="truncate font-mono text-xs text-slate-700" title={value}>
        {value}
      </span>
      <CopyButton value={value} label={`${label} ${value}`} />
    </span>
  );
}

/** A timestamp in the officer's time zone; the UTC instant on hover. Accepts the upstream string or epoch ms. */
export function DateCell({ value }: { value: string | number | null | undefined }) {
  const ms = typeof value === "number" ? value : parseTimestamp(value);
  if (ms === null || Number.isNaN(ms)) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatUtc(ms)} className="tabular-nums">
      {formatDateTime(ms)}
    </time>
  );
}

/** A count, right-aligned by the column; "…" while unknown. One shared formatter: toLocaleString builds one per call, per row. */
export function CountCell({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-slate-400">…</span>;
  return <span className="tabular-nums">{formatCount(value)}</span>;
}
