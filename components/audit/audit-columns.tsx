"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { formatBytes } from "@/components/exports/format-bytes";
import type { AuditEntry } from "@/lib/shared/audit/entry";
import { formatCount } from "@/lib/browser/format/numbers";
import { describeAuditEntry } from "./describe-entry";

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
    id: "what",
    header: "What happened",
    accessorFn: (e) => describeAuditEntry(e),
    size: 330,
    cell: ({ row }) => {
      const text = describeAuditEntry(row.original);
      // The stored record on hover, for an auditor matching it to the CSV.
      const raw = JSON.stringify({ filters: row.original.filters, detail: row.original.detail }, null, 1);
      return (
        <span className="text-xs text-slate-800" title={`${text}\n\n${raw}`}>
          {text}
        </span>
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
];
