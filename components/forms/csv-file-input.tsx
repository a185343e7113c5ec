"use client";

import { useId, type ReactNode } from "react";

/* Choosing a CSV file under its label; what was read (or why not) goes below it as children. */

export function CsvFileInput({ label, onPick, children }: { label: string; onPick: (file: File | undefined) => void; children?: ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        onChange={(e) => onPick(e.target.files?.[0])}
        className="mt-1 block text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-xs hover:file:bg-slate-50"
      />
      {children}
    </div>
  );
}

/** A file that cannot be used, in the reader's words (encoding, size, rows). */
export function UploadProblem({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <p role="alert" className={`${className} rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-900`}>
      {children}
    </p>
  );
}
