"use client";

import type { ReactNode } from "react";

/* The small controls around a request the officer starts: options as checkboxes or radios, and the running line with its Cancel. */

export function InlineCheckbox({ checked, onChange, children }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <label className="inline-flex items-center gap-1 text-xs text-slate-700">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

/** "Refresh the directory first": the server reads the directory again before it answers. */
export function FreshCheckbox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <InlineCheckbox checked={checked} onChange={onChange}>
      Refresh the directory first
    </InlineCheckbox>
  );
}

export function ModeRadios<M extends string>({ name, value, onChange, options }: { name: string; value: M; onChange: (mode: M) => void; options: readonly { value: M; label: string }[] }) {
  return (
    <div className="flex gap-4 text-xs text-slate-700">
      {options.map((o) => (
        <label key={o.value} className="inline-flex items-center gap-1">
          <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} /> {o.label}
        </label>
      ))}
    </div>
  );
}

/** What is running, announced, with a Cancel that stops the request. */
export function PendingStatus({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <span role="status" className="flex items-center gap-2 text-xs text-slate-600">
      {children}
      <button type="button" className="underline" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
