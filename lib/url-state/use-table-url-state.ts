import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { writeSearchParams, type HistoryMode } from "./history";
import { parseTableUrlState, writeTableUrlState, type TableUrlSpec, type TableUrlState } from "./table-url-state";

/**
 * The table's view from the URL, and a way to change it. `update` reads the URL as it is at that
 * moment (not as it was at the last render), so quick successive changes do not undo each other.
 * `spec` must be stable (memoized).
 */
export function useTableUrlState(spec: TableUrlSpec) {
  const searchParams = useSearchParams();
  const serialized = searchParams.toString();
  const state = useMemo(() => parseTableUrlState(new URLSearchParams(serialized), spec), [serialized, spec]);

  const update = useCallback(
    (change: (current: TableUrlState) => TableUrlState, mode: HistoryMode) => {
      const current = new URLSearchParams(window.location.search);
      const next = change(parseTableUrlState(current, spec));
      writeSearchParams(writeTableUrlState(next, spec, current), mode);
    },
    [spec],
  );

  return { state, update };
}
