"use client";

import type { Column } from "@tanstack/react-table";
import { useId } from "react";
import { formatDate, localTimeZone } from "@/lib/browser/format/dates";
import type { DateRangeValue } from "./url-parsers";
import { ChevronDownIcon } from "./icons";
import { Popover } from "./popover";

/** From/to calendar days in the officer's time zone, both inclusive; either end may stay open. */
export function DataTableDateRangeFilter<TData, TValue>({ column }: { column: Column<TData, TValue> }) {
  const label = column.columnDef.meta?.label ?? column.id;
  const value = (column.getFilterValue() as DateRangeValue | undefined) ?? {};
  const active = Boolean(value.from || value.to);
  const id = useId();
  // The bounds need a pass over the rows: read only while the panel is open, not on every keystroke.
  const bounds = () => column.getFacetedMinMaxValues() ?? [undefined, undefined];
  const bound = (ms: unknown) => (typeof ms === "number" && Number.isFinite(ms) ? formatDate(ms) : undefined);

  const set = (next: DateRangeValue) => {
    const clean: DateRangeValue = {};
    if (next.from) clean.from = next.from;
    if (next.to) clean.to = next.to;
    column.setFilterValue(clean.from || clean.to ? clean : undefined);
  };

  return (
    <Popover
      label={`Filter by ${label}`}
      buttonClassName={`inline-flex h-7 items-center gap-1 rounded border px-2 text-xs hover:bg-slate-50 ${active ? "border-brand-600 bg-brand-50 text-brand-900" : "border-dashed border-slate-300 bg-white text-slate-700"}`}
      button={
        <>
          <span>
            {label}
            <span className="sr-only"> filter</span>
            {active && (
              <span className="font-medium tabular-nums">
                : {value.from ?? "…"} – {value.to ?? "…"}
              </span>
            )}
          </span>
          <ChevronDownIcon />
        </>
      }
    >
      {() => {
        const [min, max] = bounds();
        return (
          <>
      <div className="grid grid-cols-[auto_1fr] items-center gap-2">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={value.from ?? ""}
          min={bound(min)}
          max={value.to ?? bound(max)}
          onChange={(e) => set({ ...value, from: e.target.value })}
          className="h-7 rounded border border-slate-300 px-1"
        />
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={value.to ?? ""}
          min={value.from ?? bound(min)}
          max={bound(max)}
          onChange={(e) => set({ ...value, to: e.target.value })}
          className="h-7 rounded border border-slate-300 px-1"
        />
      </div>
      <p className="mt-2 text-slate-500">Whole days in your time zone ({localTimeZone()}), both ends included.</p>
      {active && (
        <button type="button" onClick={() => set({})} className="mt-2 w-full rounded border border-slate-200 py-1 text-slate-700 hover:bg-slate-50">
          Clear {label} filter
        </button>
      )}
          </>
        );
      }}
    </Popover>
  );
}
