"use client";

import type { SyncWire } from "@/lib/shared/sync/wire";

/* Two complete syncs to compare, or "since" a day (the last complete sync before it, to the newest). */

const label = (s: SyncWire) => `${s.finished_at ? new Date(s.finished_at).toISOString().replace("T", " ").slice(0, 16) + " UTC" : s.started_at} · ${s.id}`;

function SyncSelect({ name, value, syncs, onChange }: { name: string; value: string; syncs: SyncWire[]; onChange: (v: string) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
      {name}
      <select value={value} onChange={(e) => onChange(e.target.value)} className="h-7 max-w-80 rounded border border-slate-300 bg-white px-1 text-xs">
        {syncs.map((s) => (
          <option key={s.id} value={s.id}>
            {label(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SyncPicker(props: {
  syncs: SyncWire[];
  from: string;
  to: string;
  since: string;
  onPair: (from: string, to: string) => void;
  onSince: (day: string) => void;
}) {
  const { syncs, from, to, since } = props;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <SyncSelect name="From" value={from} syncs={syncs} onChange={(v) => props.onPair(v, to)} />
      <SyncSelect name="To" value={to} syncs={syncs} onChange={(v) => props.onPair(from, v)} />
      <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
        or since
        <input type="date" value={since} onChange={(e) => props.onSince(e.target.value)} className="h-7 rounded border border-slate-300 px-1 text-xs" aria-label="Changes since this day" />
      </label>
    </div>
  );
}

/** The last complete sync that finished before `day` (UTC midnight), or the oldest when none did. */
export function syncBefore(day: string, syncs: SyncWire[]): SyncWire | undefined {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(at)) return undefined;
  return syncs.find((s) => s.finished_at !== null && Date.parse(s.finished_at) < at) ?? syncs[syncs.length - 1];
}
