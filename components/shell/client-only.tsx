"use client";

import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** False on the server and while hydrating, true after: for renders that read browser-only state. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * Renders its children only in the browser, after hydration. Dashboard pages read the browser's
 * query cache, which the header starts filling at once; a page hydrating a moment later would find
 * data the server never saw and mismatch. Server HTML is therefore the frame and `fallback`.
 */
export function ClientOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? children : fallback;
}
