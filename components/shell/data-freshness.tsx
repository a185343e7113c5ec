"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatAge, formatDateTime, formatUtc } from "@/lib/format/dates";
import { refreshAll } from "@/lib/query/refresh";
import { useAnyFetching, useOldestShownData } from "@/lib/query/use-data-freshness";
import { RefreshIcon } from "@/components/data-table/icons";
import { useNow } from "./use-now";

/** "Data updated 2 min ago" for what is on screen, and the Refresh that fetches it all again past the server cache. */
export function DataFreshness() {
  const queryClient = useQueryClient();
  const oldest = useOldestShownData();
  const fetching = useAnyFetching();
  const now = useNow(15_000);
  const [busy, setBusy] = useState(false);

  const label = oldest === 0 || now === 0 ? (fetching ? "Loading data…" : "No data loaded yet") : `Data updated ${formatAge(oldest, Math.max(now, oldest))}`;

  return (
    <div className="flex items-center gap-2 text-xs text-slate-600">
      <span title={oldest ? `Oldest data on this page: ${formatDateTime(oldest)} (${formatUtc(oldest)})` : undefined}>
        {label}
        {fetching && oldest !== 0 ? " · updating…" : ""}
      </span>
      <button
        type="button"
        onClick={async () => {
          setBusy(true);
          try {
            await refreshAll(queryClient);
          } finally {
            setBusy(false);
          }
        }}
        disabled={busy}
        className="inline-flex h-7 items-center gap-1 rounded border border-slate-300 bg-white px-2 text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        title="Fetch everything on this page again from the Compliance API, bypassing the server's cache"
      >
        <RefreshIcon className={`h-3.5 w-3.5 ${busy ? "animate-spin" : ""}`} /> Refresh
      </button>
    </div>
  );
}
