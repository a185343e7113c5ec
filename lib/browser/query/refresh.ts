import type { QueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { walkProgress } from "./walk-progress";

/*
 * The Refresh button. Every query the officer has loaded is fetched again, and each of those
 * first fetches asks the server to bypass its cache (the `x-dashboard-refresh` header, lib/shared/refresh-header.ts): otherwise a
 * refresh would hand back the same cached answer. Queries first loaded later use the cache as usual.
 */

const freshHashes = new Set<string>();

/** True once for a query hash marked by the last refresh; the flag is spent by the fetch that reads it. */
export function takeFreshFlag(queryHash: string): boolean {
  return freshHashes.delete(queryHash);
}

let refreshedAt = 0;
const listeners = new Set<() => void>();

/** epoch ms of the last Refresh (0: none): views that hold failures back until the officer asks use it. */
export function useLastRefresh(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => refreshedAt,
    () => 0,
  );
}

export async function refreshAll(queryClient: QueryClient): Promise<void> {
  refreshedAt = Date.now();
  for (const l of listeners) l();
  for (const query of queryClient.getQueryCache().getAll()) freshHashes.add(query.queryHash);
  walkProgress.clear();
  await queryClient.invalidateQueries();
}
