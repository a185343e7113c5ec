import { useSyncExternalStore } from "react";
import type { ProgressLine } from "@/lib/shared/directory/wire";

/*
 * The server's walk progress for each directory query in flight, keyed by query hash. TanStack
 * Query only learns the result at the end; the officer needs "loading 3,000 users…" meanwhile.
 */

type Listener = () => void;
const progress = new Map<string, ProgressLine>();
const listeners = new Set<Listener>();

export const directoryProgress = {
  set(hash: string, line: ProgressLine) {
    progress.set(hash, line);
    for (const l of listeners) l();
  },
  clear(hash: string) {
    if (progress.delete(hash)) for (const l of listeners) l();
  },
  get: (hash: string) => progress.get(hash),
  subscribe(l: Listener) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};

export function useDirectoryProgress(hash: string): ProgressLine | undefined {
  return useSyncExternalStore(
    directoryProgress.subscribe,
    () => directoryProgress.get(hash),
    () => undefined,
  );
}
