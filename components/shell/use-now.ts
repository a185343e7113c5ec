import { useSyncExternalStore } from "react";

/**
 * The current time, moving on every `intervalMs` (for "updated 2 min ago"). 0 on the server and
 * while hydrating, so server and browser render the same text.
 */
export function useNow(intervalMs: number): number {
  return useSyncExternalStore(
    (onTick) => {
      const t = setInterval(onTick, intervalMs);
      return () => clearInterval(t);
    },
    // Quantized, so two reads within one tick agree (useSyncExternalStore requires a stable snapshot).
    () => Math.floor(Date.now() / intervalMs) * intervalMs,
    () => 0,
  );
}
