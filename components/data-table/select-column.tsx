"use client";

import { useEffect, useRef, useState } from "react";
import type { ColumnDef, Table } from "@tanstack/react-table";
import { matchingSelection, setMatchingSelected } from "./selection";
import { matchedCount } from "./server-rows";
import { formatCount } from "@/lib/browser/format/numbers";

function SelectAllMatching<TData>({ table, noun }: { table: Table<TData>; noun: string }) {
  const ref = useRef<HTMLInputElement>(null);
  // A table on the server names its matching rows asynchronously: the box shows the officer's choice meanwhile.
  const [pending, setPending] = useState<boolean | null>(null);
  const state = pending === null ? matchingSelection(table) : pending ? "all" : "none";
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  const count = matchedCount(table);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="h-3.5 w-3.5 accent-brand-600"
      checked={state === "all" && count > 0}
      disabled={count === 0}
      onChange={(e) => {
        const on = e.target.checked;
        const done = setMatchingSelected(table, on);
        if (!done) return;
        setPending(on);
        // A failed answer leaves the selection as it was, and the box shows that again.
        void done.then(
          () => setPending(null),
          () => setPending(null),
        );
      }}
      aria-label={`Select all ${formatCount(count)} matching ${noun}`}
      title={`Select all ${formatCount(count)} matching ${noun}`}
    />
  );
}

/** The checkbox column. `rowLabel` names a row for screen readers ("Select Ann Lee"). */
export function selectColumn<TData>({ rowLabel, noun = "rows" }: { rowLabel: (row: TData) => string; noun?: string }): ColumnDef<TData> {
  return {
    id: "select",
    size: 32,
    enableSorting: false,
    enableHiding: false,
    enableGlobalFilter: false,
    header: ({ table }) => <SelectAllMatching table={table} noun={noun} />,
    cell: ({ row }) => (
      <input
        type="checkbox"
        className="h-3.5 w-3.5 accent-brand-600"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        aria-label={`Select ${rowLabel(row.original)}`}
      />
    ),
  };
}
