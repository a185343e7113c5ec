import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { writeSearchParams, type HistoryMode } from "./history";
import { parseTableUrlState, writeTableUrlState, type TableUrlSpec, type TableUrlState } from "./table-url-state";

/**
 * The table's view from the URL, and a way to change it. `update` reads the URL as it is at that
 * moment (not as it was at the last render), so quick successive changes do not undo each other.
 * `spec` must be stable (memoized).
 *
 * Next.js applies a pushState to useSearchParams in a transition, a moment later; until then the
 * new view is shown from local state, so a ticked checkbox stays ticked. Any change of the URL
 * (ours arriving, or Back) ends that and the URL rules again.
 */
export function useTableUrlState(spec: TableUrlSpec) {
  const searchParams = useSearchParams();
  const serialized = searchParams.toString();
  const previous = useRef<TableUrlState | null>(null);
  const parsed = useMemo(() => {
    const next = keepUnchanged(previous.current, parseTableUrlState(new URLSearchParams(serialized), spec));
    previous.current = next;
    return next;
  }, [serialized, spec]);
  const [optimistic, setOptimistic] = useState<{ base: string; state: TableUrlState } | null>(null);
  const state = optimistic && optimistic.base === serialized ? optimistic.state : parsed;

  const update = useCallback(
    (change: (current: TableUrlState) => TableUrlState, mode: HistoryMode) => {
      const current = new URLSearchParams(window.location.search);
      const next = change(parseTableUrlState(current, spec));
      setOptimistic({ base: serialized, state: next });
      writeSearchParams(writeTableUrlState(next, spec, current), mode);
    },
    [spec, serialized],
  );

  return { state, update };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the previous objects for parts that did not change: writing the search to the URL must not
 * hand TanStack new filter and sort objects, or it filters 50,000 rows again for nothing.
 */
function keepUnchanged(prev: TableUrlState | null, next: TableUrlState): TableUrlState {
  if (!prev) return next;
  return {
    search: next.search,
    sorting: same(prev.sorting, next.sorting) ? prev.sorting : next.sorting,
    filters: same(prev.filters, next.filters) ? prev.filters : next.filters,
    hidden: same(prev.hidden, next.hidden) ? prev.hidden : next.hidden,
  };
}
