"use client";

import { AppLink } from "@/components/shell/app-link";
import { IdCell } from "@/components/data-table/cells";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { personHref } from "@/components/people/links";
import type { ReconciliationRow, SkippedEntry } from "@/lib/shared/reconciliation/schema";

/* The columns of a reconciliation's lists. */

export const reconciliationColumns: AnyColumnDef<ReconciliationRow>[] = [
  {
    accessorKey: "full_name",
    header: "Name",
    size: 190,
    meta: { label: "Name", searchable: true },
    cell: ({ row }) =>
      row.original.user_id && row.original.in_directory ? (
        <AppLink href={personHref(row.original.user_id)} className="text-brand-700 hover:underline">
          {row.original.full_name || <span className="text-slate-500 italic">(no name: group member only)</span>}
        </AppLink>
      ) : (
        <span className="text-amber-800">no directory user</span>
      ),
  },
  { accessorKey: "email", header: "Email", size: 240, meta: { label: "Email", searchable: true } },
  {
    id: "user_id",
    accessorFn: (r) => r.user_id ?? "",
    header: "User id",
    size: 250,
    meta: { label: "User id", searchable: true },
    cell: ({ row }) => (row.original.user_id ? <IdCell value={row.original.user_id} label="user id" /> : <span className="text-slate-400">—</span>),
  },
  {
    id: "input",
    accessorFn: (r) => r.input ?? "",
    header: "Expected entry",
    size: 220,
    meta: { label: "Expected entry", searchable: true },
    cell: ({ row }) => (row.original.input ? <span className="font-mono text-xs">{row.original.input}</span> : <span className="text-slate-400">not expected</span>),
  },
];

export interface SkippedRow extends SkippedEntry {
  number: number;
  why: string;
}

export const skippedColumns: AnyColumnDef<SkippedRow>[] = [
  { accessorKey: "number", header: "#", size: 70, meta: { label: "Entry number", align: "right" } },
  { accessorKey: "input", header: "Entry", size: 280, meta: { label: "Entry", searchable: true }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.input}</span> },
  { accessorKey: "why", header: "Why", size: 320, meta: { label: "Why" } },
];
