/** The upstream's answer exactly as received, behind a disclosure so it costs no space by default. */
export function RawJsonDisclosure({ value, label = "Raw JSON" }: { value: unknown; label?: string }) {
  return (
    <details className="group rounded border border-slate-200">
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
        {label}
      </summary>
      <pre className="max-h-[32rem] overflow-auto border-t border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
