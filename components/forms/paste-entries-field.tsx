"use client";

import { useId, useMemo } from "react";
import { countOf } from "@/lib/browser/format/numbers";
import { parsePastedEntries } from "@/lib/shared/seed-lists/input";
import { inputClass } from "./styles";

/*
 * A pasted list (emails, user ids, review records): a textarea under its label, and, when asked,
 * how many entries and blank lines it holds as the officer types.
 */

export interface PasteEntriesFieldProps {
  label: string;
  /** The label is for screen readers only (a legend above already says what to paste). */
  hideLabel?: boolean;
  value: string;
  onChange: (text: string) => void;
  placeholder: string;
  /** A line under the field; the entry count follows it when `count` is set. */
  hint?: string;
  count?: boolean;
  /** Extra classes of the textarea (its width). */
  fieldClassName?: string;
}

export function PasteEntriesField({ label, hideLabel, value, onChange, placeholder, hint, count, fieldClassName = "" }: PasteEntriesFieldProps) {
  const id = useId();
  const pasted = useMemo(() => (count ? parsePastedEntries(value) : null), [count, value]);
  const counted = pasted && value.trim() !== "" ? `${countOf(pasted.entries.length - pasted.blankLines, "entry", "entries")}, ${countOf(pasted.blankLines, "blank line")}.` : null;
  return (
    <div>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-xs font-medium text-slate-700"}>
        {label}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={8}
        spellCheck={false}
        placeholder={placeholder}
        className={`${hideLabel ? "" : "mt-1 "}w-full ${fieldClassName} py-1 font-mono text-xs ${inputClass}`}
      />
      {(hint || counted) && (
        <p className="text-xs text-slate-500">
          {hint}
          {hint && counted ? ` ${counted}` : counted}
        </p>
      )}
    </div>
  );
}
