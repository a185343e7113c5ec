"use client";

import { AppLink } from "./app-link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { formatUtc } from "@/lib/browser/format/dates";
import { syncMoment } from "@/lib/browser/format/sync-time";
import { hrefWithAsOf } from "@/lib/browser/query/as-of";
import type { SyncWire } from "@/lib/shared/sync/wire";
import { useViewAsOf } from "./as-of-scope";

/** This page's URL with `as_of` set to a sync, or removed (null): the rest of the view state kept. */
function useHereWithAsOf(): (asOf: string | null) => string {
  const pathname = usePathname();
  const search = useSearchParams();
  return (asOf) => hrefWithAsOf(`${pathname}?${search.toString()}`, asOf);
}

/** Choose the sync every page shows: the newest, or any complete one (GET /api/syncs). */
export function SyncPicker({ syncs }: { syncs: readonly SyncWire[] }) {
  const asOf = useViewAsOf();
  const router = useRouter();
  const here = useHereWithAsOf();
  if (syncs.length < 2 && !asOf) return null;
  const listed = asOf && !syncs.some((s) => s.id === asOf) ? [...syncs, { id: asOf, finished_at: null } as const] : syncs;
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">Show the directory as of</span>
      <select
        value={asOf ?? ""}
        onChange={(e) => router.push(here(e.target.value || null))}
        className="h-7 max-w-44 rounded border border-slate-300 bg-white px-1 text-xs text-slate-700"
        data-testid="sync-picker"
      >
        <option value="">Newest sync</option>
        {listed.map((s) => (
          <option key={s.id} value={s.id} title={s.finished_at ? formatUtc(Date.parse(s.finished_at)) : undefined}>
            {s.finished_at ? `Sync of ${syncMoment(Date.parse(s.finished_at))}` : s.id}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "You are viewing the directory as of 1 Dec 06:00 UTC. Back to now", on every page while as_of is set. */
export function AsOfBanner({ syncs }: { syncs: readonly SyncWire[] }) {
  const asOf = useViewAsOf();
  const here = useHereWithAsOf();
  if (!asOf) return null;
  const sync = syncs.find((s) => s.id === asOf);
  const ms = sync?.finished_at ? Date.parse(sync.finished_at) : null;
  return (
    <div role="region" aria-label="Viewing an earlier sync" className="flex shrink-0 items-center gap-3 border-b border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-950" data-testid="as-of-banner">
      <span>
        You are viewing the directory as of{" "}
        <strong className="font-medium" title={ms ? formatUtc(ms) : asOf}>
          {ms ? `${syncMoment(ms)} (${formatUtc(ms)})` : `sync ${asOf}`}
        </strong>
        . Nothing newer is shown.
      </span>
      <AppLink href={here(null)} data-as-of-exempt="" className="font-medium text-amber-950 underline hover:no-underline">
        Back to now
      </AppLink>
    </div>
  );
}
