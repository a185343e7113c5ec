"use client";

import type { Column, Table } from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { formatCount } from "@/lib/browser/format/numbers";
import { facetChoices } from "./facets";
import { serverRowsOf } from "./server-rows";
import { ChevronDownIcon } from "./icons";
import { Popover } from "./popover";

/** Most choices drawn at once; typing narrows the rest (5,000 email domains would not help anyone as a list). */
const MAX_LISTED = 200;

/**
 * A filter over a column's values with how many rows (matching the other filters) hold each.
 * `multiSelect` keeps rows holding any checked value; `select` picks one. The counts are computed
 * only while the panel is open: closed, a keystroke in the search box costs no facet pass (in the
 * tab, or on the server for a table whose rows are there: see ServerRows.watchFacets).
 */
export function DataTableFacetedFilter<TData, TValue>({ column, table }: { column: Column<TData, TValue>; table: Table<TData> }) {
  const meta = column.columnDef.meta;
  const label = meta?.label ?? column.id;
  const raw = column.getFilterValue();
  const selected = useMemo(() => (Array.isArray(raw) ? (raw as string[]) : []), [raw]);
  const labelOf = (v: string) => meta?.options?.find((o) => o.value === v)?.label ?? (v === "" ? "(none)" : v);

  return (
    <Popover
      label={`Filter by ${label}`}
      buttonClassName={`inline-flex h-7 items-center gap-1 rounded border px-2 text-xs hover:bg-slate-50 ${selected.length ? "border-brand-600 bg-brand-50 text-brand-900" : "border-dashed border-slate-300 bg-white text-slate-700"}`}
      button={
        <>
          <span className="max-w-56 truncate">
            {label}
            <span className="sr-only"> filter</span>
            {selected.length > 0 && <span className="font-medium">: {selected.length <= 2 ? selected.map(labelOf).join(", ") : `${selected.length} selected`}</span>}
          </span>
          <ChevronDownIcon />
        </>
      }
    >
      <FacetPanel column={column} table={table} selected={selected} />
    </Popover>
  );
}

function FacetPanel<TData, TValue>({ column, table, selected }: { column: Column<TData, TValue>; table: Table<TData>; selected: string[] }) {
  const server = serverRowsOf(table);
  const watchFacets = server?.watchFacets;
  useEffect(() => watchFacets?.(), [watchFacets]);
  const pending = server?.facetsPending === true;
  const meta = column.columnDef.meta;
  const label = meta?.label ?? column.id;
  const single = meta?.variant === "select";
  const unique = column.getFacetedUniqueValues();
  const choices = useMemo(() => facetChoices(unique, meta?.options, selected), [unique, meta?.options, selected]);
  const [narrow, setNarrow] = useState("");

  const shown = useMemo(() => {
    const n = narrow.trim().toLowerCase();
    const matched = n ? choices.filter((c) => c.label.toLowerCase().includes(n) || c.value.toLowerCase().includes(n)) : choices;
    return matched.slice(0, MAX_LISTED);
  }, [choices, narrow]);
  const hiddenCount = (narrow ? choices.filter((c) => c.label.toLowerCase().includes(narrow.toLowerCase())).length : choices.length) - shown.length;

  const set = (values: string[]) => column.setFilterValue(values.length ? values : undefined);
  const toggle = (value: string, on: boolean) => {
    if (single) return set(on ? [value] : []);
    set(on ? [...selected, value] : selected.filter((v) => v !== value));
  };

  return (
    <>
      {choices.length > 8 && (
        <div className="mb-2">
          <label className="sr-only" htmlFor={`narrow-${column.id}`}>
            Find a {label} value
          </label>
          <input
            id={`narrow-${column.id}`}
            type="search"
            value={narrow}
            onChange={(e) => setNarrow(e.target.value)}
            placeholder={`Find ${label.toLowerCase()}…`}
            className="h-7 w-full rounded border border-slate-300 px-2 text-xs"
          />
        </div>
      )}
      <p role="status" className={pending ? "mb-1 px-1 text-slate-500" : "sr-only"}>
        {pending ? "Counting…" : ""}
      </p>
      <fieldset aria-busy={pending || undefined}>
        <legend className="sr-only">{label}</legend>
        <ul className="max-h-72 overflow-auto">
          {shown.map((c) => {
            const id = `facet-${column.id}-${c.value}`;
            const checked = selected.includes(c.value);
            return (
              <li key={c.value}>
                <label htmlFor={id} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-50">
                  <input
                    id={id}
                    type={single ? "radio" : "checkbox"}
                    name={single ? `facet-${column.id}` : undefined}
                    className="h-3.5 w-3.5 accent-brand-600"
                    checked={checked}
                    onChange={(e) => toggle(c.value, e.target.checked)}
                  />
                  <span className={`flex-1 truncate ${c.count === 0 && !pending ? "text-slate-400" : ""}`}>{c.label}</span>
                  {/* An earlier view's count would mislead: none until this view's arrive. */}
                  <span className="tabular-nums text-slate-500">{pending ? "…" : formatCount(c.count)}</span>
                </label>
              </li>
            );
          })}
          {shown.length === 0 && !pending && <li className="px-1 py-1 text-slate-500">No values.</li>}
        </ul>
      </fieldset>
      {hiddenCount > 0 && <p className="mt-1 px-1 text-slate-500">{formatCount(hiddenCount)} more; type to narrow.</p>}
      {selected.length > 0 && (
        <button type="button" onClick={() => set([])} className="mt-2 w-full rounded border border-slate-200 py-1 text-slate-700 hover:bg-slate-50">
          Clear {label} filter
        </button>
      )}
    </>
  );
}
