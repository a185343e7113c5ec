"use client";
import type { Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { DataTable, DataTableCounts, WalkProgressLine } from "@/components/data-table";
import type { Noun } from "@/components/data-table/data-table-counts";
import type { Walk } from "@/lib/browser/query/use-walk";

/* A table over a whole-list walk: its counts and walk progress above, rows below, "loading" until the walk ends. */

interface WalkedTableProps<T, W> {
  table: Table<T>;
  noun: Noun;
  walk: Walk<W>;
  label: string;
  /** What to say when the walk finished and found nothing. */
  emptyWhenComplete: string;
  /** Lines between the counts and the rows (e.g. how far a name join is). */
  children?: ReactNode;
}

export function WalkedTable<T, W>({ table, noun, walk, label, emptyWhenComplete, children }: WalkedTableProps<T, W>) {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <DataTableCounts table={table} noun={noun} walk={walk} />
        <WalkProgressLine walk={walk} noun={noun} />
      </div>
      {children}
      <DataTable
        table={table}
        label={label}
        loading={walk.status === "loading" || walk.status === "partial"}
        empty={walk.status === "complete" ? emptyWhenComplete : `No ${noun.other} loaded.`}
      />
    </>
  );
}
