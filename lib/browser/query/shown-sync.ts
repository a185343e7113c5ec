import { useSyncExternalStore } from "react";

/*
 * The sync the data on screen came from, as the store-backed routes said (`x-directory-sync`,
 * `x-directory-as-of`), or "live" while the first sync runs and the routes answer from the
 * upstream. The header says "as of ..." from it and offers "Newer data: reload" when a newer sync
 * completes; it never swaps data under the officer.
 */

export interface ShownSync {
  source: "store" | "live";
  id: string | null;
  /** ISO time the sync finished. */
  asOf: string | null;
}

let shown: ShownSync | null = null;
const listeners = new Set<() => void>();

/** Called by fetchJson with every successful answer's headers. */
export function noteDirectoryHeaders(headers: Headers): void {
  const source = headers.get("x-directory-source");
  const id = headers.get("x-directory-sync");
  if (source !== "live" && !id) return;
  const next: ShownSync = source === "live" ? { source: "live", id: null, asOf: null } : { source: "store", id, asOf: headers.get("x-directory-as-of") };
  if (shown && shown.source === next.source && shown.id === next.id) return;
  // Once store data is on screen, a late live answer does not make the page "live" again.
  if (shown?.source === "store" && next.source === "live") return;
  shown = next;
  for (const l of listeners) l();
}

/** Forgets what was shown (a reload to the newest sync, or a change of as_of). */
export function resetShownSync(): void {
  shown = null;
  for (const l of listeners) l();
}

export function useShownSync(): ShownSync | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => shown,
    () => null,
  );
}
