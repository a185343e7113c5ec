"use client";

import { useId, useMemo, useState } from "react";
import { ChevronDownIcon } from "@/components/data-table/icons";
import { Popover } from "@/components/data-table/popover";
import { formatCount } from "@/lib/browser/format/numbers";

/*
 * A multi-select over known values (organizations, groups, roles) for an export's filters.
 * Nothing checked means "all", and the button says so, because that is what the export will do.
 */

export interface Choice {
  value: string;
  label: string;
  /** Shown small after the label (an id). */
  hint?: string;
}

const MAX_LISTED = 300;

export function ChoiceFilter({
  label,
  allLabel,
  choices,
  selected,
  onChange,
  status,
}: {
  label: string;
  /** What nothing checked means: "All organizations". */
  allLabel: string;
  choices: readonly Choice[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** While the choices are loading or failed: a line in the panel. */
  status?: string;
}) {
  const id = useId();
  const [narrow, setNarrow] = useState("");
  const shown = useMemo(() => {
    const n = narrow.trim().toLowerCase();
    const matched = n ? choices.filter((c) => c.label.toLowerCase().includes(n) || c.value.toLowerCase().includes(n)) : choices;
    return { rows: matched.slice(0, MAX_LISTED), more: Math.max(0, matched.length - MAX_LISTED) };
  }, [choices, narrow]);
  const labelOf = (v: string) => choices.find((c) => c.value === v)?.label ?? v;
  const active = selected.length > 0;
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <Popover
      label={`Choose ${label.toLowerCase()}`}
      panelClassName="w-80"
      buttonClassName={`inline-flex h-7 max-w-full items-center gap-1 rounded border px-2 text-xs hover:bg-slate-50 ${active ? "border-brand-600 bg-brand-50 text-brand-900" : "border-slate-300 bg-white text-slate-700"}`}
      button={
        <>
          <span>{label}:</span>
          <span className="max-w-64 truncate font-medium">
            {!active ? allLabel : selected.length <= 2 ? selected.map(labelOf).join(", ") : `${formatCount(selected.length)} selected`}
          </span>
          <ChevronDownIcon />
        </>
      }
    >
      {status && <p className="mb-2 text-slate-600">{status}</p>}
      {choices.length > 8 && (
        <div className="mb-2">
          <label className="sr-only" htmlFor={`${id}-narrow`}>
            Find {label.toLowerCase()}
          </label>
          <input
            id={`${id}-narrow`}
            type="search"
            value={narrow}
            onChange={(e) => setNarrow(e.target.value)}
            placeholder={`Find ${label.toLowerCase()} by name or id…`}
            className="h-7 w-full rounded border border-slate-300 px-2 text-xs"
          />
        </div>
      )}
      <fieldset>
        <legend className="sr-only">{label}</legend>
        <ul className="max-h-72 overflow-auto">
          {shown.rows.map((c, i) => {
            const inputId = `${id}-${i}`;
            return (
              <li key={c.value}>
                <label htmlFor={inputId} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-50">
                  <input
                    id={inputId}
                    type="checkbox"
                    className="h-3.5 w-3.5 accent-brand-600"
                    checked={selected.includes(c.value)}
                    onChange={(e) => toggle(c.value, e.target.checked)}
                  />
                  <span className="flex-1 truncate">{c.label}</span>
                  {c.hint && <span className="truncate font-mono text-[10px] text-slate-500">{c.hint}</span>}
                </label>
              </li>
            );
          })}
          {shown.rows.length === 0 && !status && <li className="px-1 py-1 text-slate-500">Nothing to choose.</li>}
        </ul>
      </fieldset>
      {shown.more > 0 && <p className="mt-1 px-1 text-slate-500">{formatCount(shown.more)} more; type to narrow.</p>}
      {active && (
        <button type="button" onClick={() => onChange([])} className="mt-2 w-full rounded border border-slate-200 py-1 text-slate-700 hover:bg-slate-50">
          Clear: {allLabel.toLowerCase()}
        </button>
      )}
    </Popover>
  );
}
