"use client";

import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { CountCell, DateCell } from "@/components/data-table/cells";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { toApiError } from "@/lib/browser/query/api-error";
import type { SeedListMeta } from "@/lib/shared/seed-lists/schema";
import { ResultTable, type ResultList } from "@/components/results/result-table";
import { seedListIndexQuery } from "./seed-list-queries";

/* Every saved list: name, who made it, when, from what, and its latest resolution's counts. */

/** A right-aligned count from the list's latest resolution. */
function countColumn(key: "people" | "unmatched", label: string, size: number): AnyColumnDef<SeedListMeta> {
  return {
    id: key,
    accessorFn: (m) => m.latest.counts[key],
    header: label,
    size,
    meta: { label, align: "right" },
    cell: ({ row }) => <CountCell value={row.original.latest.counts[key]} />,
  };
}

const columns: AnyColumnDef<SeedListMeta>[] = [
  {
    accessorKey: "name",
    header: "Name",
    size: 220,
    meta: { label: "Name", searchable: true },
    cell: ({ row }) => (
      <AppLink href={`/seed-lists/${encodeURIComponent(row.original.id)}`} className="text-brand-700 hover:underline">
        {row.original.name}
      </AppLink>
    ),
  },
  { accessorKey: "created_by", header: "Made by", size: 110, meta: { label: "Made by", searchable: true } },
  { accessorKey: "created_at", header: "Made", size: 150, meta: { label: "Made" }, cell: ({ row }) => <DateCell value={row.original.created_at} /> },
  { accessorKey: "input_summary", header: "From", size: 260, meta: { label: "From", searchable: true } },
  countColumn("people", "People", 80),
  countColumn("unmatched", "Unmatched", 110),
  {
    id: "resolved",
    accessorFn: (m) => m.latest.resolved_at,
    header: "Last resolved",
    size: 150,
    meta: { label: "Last resolved" },
    cell: ({ row }) => (
      <span className="flex items-center gap-1">
        <DateCell value={row.original.latest.resolved_at} />
        <span className="text-xs text-slate-500">(#{row.original.latest.number})</span>
      </span>
    ),
  },
];

const rowId = (m: SeedListMeta) => m.id;
const SAVED_LISTS: ResultList = { namespace: "saved", label: "Saved seed lists", noun: { one: "saved list", other: "saved lists" }, searchLabel: "Search the saved lists", empty: "No list has been saved yet." };

export function SavedLists() {
  const q = useQuery(seedListIndexQuery());
  if (q.error) return <ErrorNotice error={toApiError(q.error)} onRetry={() => void q.refetch()} />;
  if (!q.data) return <p className="text-sm text-slate-600">Loading the saved lists…</p>;
  return (
    <ResultTable rows={q.data.lists} columns={columns} rowId={rowId} list={SAVED_LISTS} height="max-h-64" />
  );
}
