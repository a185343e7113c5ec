"use client";

import { formatCount } from "@/lib/browser/format/numbers";

/*
 * The tabs over a result's lists (matched, unmatched; in both, unexpected, missing), each with its
 * count. The panel below is labelled by the selected tab: `${idPrefix}-tab-${id}` and
 * `${idPrefix}-panel-${id}` (see tabPanelProps).
 */

export interface ListTab<T extends string> {
  id: T;
  label: string;
  count: number;
}

export function ListTabs<T extends string>({ label, idPrefix, tabs, value, onChange, className }: { label: string; idPrefix: string; tabs: readonly ListTab<T>[]; value: T; onChange: (id: T) => void; className: string }) {
  return (
    <div role="tablist" aria-label={label} className={className}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={value === t.id}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          onClick={() => onChange(t.id)}
          className={`-mb-px rounded-t border px-3 py-1 text-sm ${value === t.id ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t.label} ({formatCount(t.count)})
        </button>
      ))}
    </div>
  );
}

/** The attributes of the panel the selected tab controls. */
export const tabPanelProps = (idPrefix: string, value: string) => ({ role: "tabpanel", id: `${idPrefix}-panel-${value}`, "aria-labelledby": `${idPrefix}-tab-${value}` }) as const;
