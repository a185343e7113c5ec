"use client";

import { AppLink } from "@/components/shell/app-link";
import { IdCell } from "@/components/data-table/cells";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { personHref } from "@/components/people/links";

/* The columns of a resolution's lists: the people matched, and the entries that matched no one. */

export interface PersonRow {
  user_id: string;
  email: string;
  full_name: string;
  organizations: string;
  organization_uuids: string;
  /** The entries that matched this person, as entered. */
  matched_by: string;
}

export interface EntryRow {
  index: number;
  number: number;
  input: string;
  from: string;
  why: string;
}

export const personColumns: AnyColumnDef<PersonRow>[] = [
  {
    accessorKey: "full_name",
    header: "Name",
    size: 190,
    meta: { label: "Name", searchable: true },
    cell: ({ row }) => (
      <AppLink href={personHref(row.original.user_id)} className="text-brand-700 hover:underline">
        {row.original.full_name || <span className="text-slate-500 italic">(no name: group member only)</span>}
      </AppLink>
    ),
  },
  { accessorKey: "email", header: "Email", size: 240, meta: { label: "Email", searchable: true } },
  {
    accessorKey: "user_id",
    header: "User id",
    size: 250,
    meta: { label: "User id", searchable: true },
    cell: ({ row }) => <IdCell value={row.original.user_id} label="user id" />,
  },
  {
    accessorKey: "organizations",
    header: "Organizations",
    size: 260,
    meta: { label: "Organizations", searchable: true },
    cell: ({ row }) =>
      row.original.organizations ? (
        <span title={row.original.organization_uuids}>{row.original.organizations}</span>
      ) : (
        <span className="text-amber-700">none (in a group only)</span>
      ),
  },
  { accessorKey: "matched_by", header: "Entered as", size: 220, meta: { label: "Entered as", searchable: true } },
];

export const entryColumns: AnyColumnDef<EntryRow>[] = [
  { accessorKey: "number", header: "#", size: 70, meta: { label: "Entry number", align: "right" } },
  {
    accessorKey: "input",
    header: "Entry",
    size: 280,
    meta: { label: "Entry", searchable: true },
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.input}</span>,
  },
  { accessorKey: "from", header: "From", size: 200, meta: { label: "From", searchable: true } },
  { accessorKey: "why", header: "Why", size: 320, meta: { label: "Why" } },
];
