"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { writeSearchParams, type HistoryMode } from "@/lib/url-state/history";

/*
 * The Exports page's choices live in the query string (UX.md: every view is a URL), one key per
 * choice, prefixed by the export ("users_org", "roles_org", "groups_group", ...), so a link in a
 * ticket reproduces exactly what is about to be downloaded.
 */
export function useExportParams() {
  const params = useSearchParams();

  const list = useCallback((key: string) => params.getAll(key), [params]);
  const one = useCallback((key: string) => params.get(key) ?? "", [params]);

  const setList = useCallback((key: string, values: readonly string[], mode: HistoryMode = "push") => {
    const next = new URLSearchParams(window.location.search);
    next.delete(key);
    for (const v of values) next.append(key, v);
    writeSearchParams(next, mode);
  }, []);

  const setOne = useCallback((key: string, value: string, mode: HistoryMode = "push") => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    writeSearchParams(next, mode);
  }, []);

  return { list, one, setList, setOne };
}
