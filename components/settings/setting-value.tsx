import type { SettingView } from "@/lib/shared/settings/describe-setting";

/** The value of one setting in plain words; lists and retention show every entry. */
export function SettingValue({ view }: { view: SettingView }) {
  switch (view.kind) {
    case "boolean":
      return <OnOffBadge on={view.flag === true} />;
    case "list":
      return view.items && view.items.length > 0 ? (
        <div>
          <p className="text-slate-600">{view.summary.split(":")[0]}</p>
          <ul className="mt-1 flex flex-wrap gap-1" aria-label={view.label}>
            {view.items.map((item) => (
              <li key={item} className="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                {item}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <span className="text-slate-600">None listed</span>
      );
    case "retention":
      return view.items && view.items.length > 0 ? (
        <ul className="space-y-0.5">
          {view.items.map((item) => (
            <li key={item}>{capitalize(item)}</li>
          ))}
        </ul>
      ) : (
        <span>No limit <span className="text-slate-600">(no retention limit is in force)</span></span>
      );
    case "raw":
      return <code className="break-all rounded bg-slate-100 px-1 font-mono text-xs">{view.summary}</code>;
    default:
      return <span>{capitalize(view.summary)}</span>;
  }
}

export function OnOffBadge({ on }: { on: boolean }) {
  return (
    <span
      className={
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium " +
        (on ? "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200" : "bg-slate-100 text-slate-700 ring-1 ring-slate-300")
      }
    >
      <span aria-hidden="true">{on ? "●" : "○"}</span>
      {on ? "On" : "Off"}
    </span>
  );
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
