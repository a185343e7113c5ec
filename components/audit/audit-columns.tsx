"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { formatBytes } from "@/components/exports/format-bytes";
import type { AuditEntry } from "@/lib/audit/entry";
import { formatCount } from "@/lib/format/numbers";

/* The Audit page's columns: one entry per row, newest first (the server's order; not re-sorted here). */

const OUTCOME_STYLE: Record<string, string> = {
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  ok: "bg-slate-50 text-slate-700 ring-slate-200",
  aborted: "bg-red-50 text-red-800 ring-red-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  refused: "bg-amber-50 text-amber-900 ring-amber-200",
};

export function OutcomeBadge({ outcome, detail }: { outcome: string; detail?: string }) {
  return (
    <span title={detail} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_STYLE[outcome] ?? "bg-slate-50 text-slate-700 ring-slate-200"}`}>
      {outcome}
    </span>
  );
}

/** `org=2 ids · role=admin · bom`: what was asked for, short; the full JSON on hover. */
export function filtersText(filters: Record<string, unknown>): string {
  return Object.entries(filters)
    .map(([k, v]) => {
      if (v === true) return k;
      if (Array.isArray(v)) return v.length <= 2 ? `${k}=${v.join(",")}` : `${k}=${formatCount(v.length)} values`;
      if (v !== null && typeof v === "object") return `${k}=${JSON.stringify(v)}`;
      return `${k}=${String(v)}`;
    })
    .join(" · ");
}

function durationText(e: AuditEntry): string | undefined {
  if (!e.started_at) return undefined;
  const ms = Date.parse(e.at) - Date.parse(e.started_at);
  return Number.isFinite(ms) && ms >= 0 ? `took ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s` : undefined;
}

const muted = <span className="text-slate-500">—</span>;

export const auditColumns: ColumnDef<AuditEntry, unknown>[] = [
  {
    id: "at",
    header: "When",
    accessorKey: "at",
    size: 125,
    cell: ({ row }) => <DateCell value={row.original.at} />,
  },
  { id: "actor", header: "Who", accessorKey: "actor", size: 80, cell: ({ row }) => <span title={row.original.actor}>{row.original.actor}</span> },
  { id: "action", header: "Action", accessorKey: "action", size: 70 },
  {
    id: "target",
    header: "Target",
    accessorKey: "target",
    size: 105,
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.target}</span>,
  },
  {
    id: "filters",
    header: "Filters",
    accessorFn: (e) => filtersText(e.filters),
    size: 150,
    cell: ({ row }) => {
      const text = filtersText(row.original.filters);
      return text ? (
        <span className="font-mono text-xs text-slate-700" title={JSON.stringify(row.original.filters, null, 1)}>
          {text}
        </span>
      ) : (
        <span className="text-xs text-slate-500">none</span>
      );
    },
  },
  {
    id: "rows",
    header: "Rows",
    accessorKey: "rows",
    size: 60,
    meta: { align: "right" },
    cell: ({ row }) => (row.original.rows === undefined ? muted : <span className="tabular-nums">{formatCount(row.original.rows)}</span>),
  },
  {
    id: "bytes",
    header: "Bytes",
    accessorKey: "bytes",
    size: 65,
    meta: { align: "right" },
    cell: ({ row }) =>
      row.original.bytes === undefined ? muted : (
        <span className="tabular-nums" title={`${formatCount(row.original.bytes)} bytes`}>
          {formatBytes(row.original.bytes)}
        </span>
      ),
  },
  {
    id: "sha256",
    header: "SHA-256",
    accessorKey: "sha256",
    size: 120,
    cell: ({ row }) => (row.original.sha256 ? <IdCell value={row.original.sha256} label="SHA-256" /> : muted),
  },
  {
    id: "outcome",
    header: "Outcome",
    accessorKey: "outcome",
    size: 85,
    cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} detail={[row.original.detail, durationText(row.original)].filter(Boolean).join(" · ") || undefined} />,
  },
  {
    id: "detail",
    header: "Detail",
    accessorKey: "detail",
    size: 170,
    cell: ({ row }) => {
      const text = [row.original.detail, durationText(row.original)].filter(Boolean).join(" · ");
      return text ? (
        <span className="text-xs text-slate-600" title={text}>
          {text}
        </span>
      ) : (
        muted
      );
    },
  },
];
