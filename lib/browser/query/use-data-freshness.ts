import { notifyManager, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

/*
 * How old the data on screen is: the oldest answer among the queries some component is showing
 * (observed queries). A page that mixes a fresh list with a 4-minute-old one is 4 minutes old.
 * 0 when nothing is shown yet.
 */
export function useOldestShownData(): number {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  return useSyncExternalStore(
    // Queries are added to the cache while other components render; deliver the news afterwards (as useIsFetching does).
    (onChange) => cache.subscribe(notifyManager.batchCalls(onChange)),
    () => {
      let oldest = 0;
      for (const q of cache.getAll()) {
        if (q.getObserversCount() === 0) continue;
        const at = q.state.dataUpdatedAt;
        if (at > 0 && (oldest === 0 || at < oldest)) oldest = at;
      }
      return oldest;
    },
    () => 0,
  );
}

/** True while any query is fetching (the header's "updating" hint). */
export function useAnyFetching(): boolean {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  return useSyncExternalStore(
    (onChange) => cache.subscribe(notifyManager.batchCalls(onChange)),
    () => cache.getAll().some((q) => q.state.fetchStatus === "fetching"),
    () => false,
  );
}
