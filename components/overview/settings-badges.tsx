import type { Cell } from "./organization-row";
import type { SettingsSummary } from "./tree-summary";

const pill = "inline-flex items-center rounded px-1.5 py-px text-[11px] leading-4 whitespace-nowrap";

/** SSO enforcement, provisioning mode and retention at a glance; drift (an org without SSO enforced) stands out. */
export function SettingsBadges({ cell }: { cell: Cell<SettingsSummary> }) {
  if (cell.kind === "waiting")
    return (
      <span className="text-slate-400">
        <span aria-hidden="true">·</span>
        <span className="sr-only">settings queued</span>
      </span>
    );
  if (cell.kind === "loading") return <span className="text-slate-500">loading…</span>;
  if (cell.kind === "error")
    return (
      <span className="text-red-700" title={`${cell.error.message}${cell.error.requestId ? ` (request id ${cell.error.requestId})` : ""}`}>
        settings unavailable
      </span>
    );
  const s = cell.value;
  return (
    <span className="flex flex-wrap items-center gap-1 whitespace-normal">
      {s.ssoEnforced === true && <span className={`${pill} bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200`}>SSO enforced</span>}
      {s.ssoEnforced === false && <span className={`${pill} bg-amber-50 text-amber-900 ring-1 ring-amber-300`}>SSO not enforced</span>}
      {s.provisioning && (
        <span className={`${pill} bg-slate-100 text-slate-700`} title="SSO provisioning mode">
          {s.provisioning}
        </span>
      )}
      {s.retention && (
        <span className={`${pill} bg-slate-100 text-slate-700`} title={`Data retention: ${s.retention.join("; ")}`}>
          {s.retention.length === 1 ? s.retention[0] : `${s.retention[0]} +${s.retention.length - 1}`}
        </span>
      )}
    </span>
  );
}
