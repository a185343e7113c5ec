import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { writeSearchParams, type HistoryMode } from "./history";

/** One string in the query string (a selected tab, a page's own toggle); "" when absent. */
export function useUrlParam(key: string): [string, (value: string, mode?: HistoryMode) => void] {
  const value = useSearchParams().get(key) ?? "";
  const set = useCallback(
    (next: string, mode: HistoryMode = "push") => {
      const params = new URLSearchParams(window.location.search);
      if (next) params.set(key, next);
      else params.delete(key);
      writeSearchParams(params, mode);
    },
    [key],
  );
  return [value, set];
}
