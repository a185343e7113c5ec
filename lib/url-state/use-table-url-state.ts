import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
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
  const parsed = useMemo(() => withSharedParts(parseTableUrlState(new URLSearchParams(serialized), spec)), [serialized, spec]);
  const [optimistic, setOptimistic] = useState<{ base: string; state: TableUrlState } | null>(null);
  const state = optimistic && optimistic.base === serialized ? optimistic.state : parsed;

  const update = useCallback(
    (change: (current: TableUrlState) => TableUrlState, mode: HistoryMode) => {
      const current = new URLSearchParams(window.location.search);
      const next = change(parseTableUrlState(current, spec));
      setOptimistic({ base: serialized, state: withSharedParts(next) });
      writeSearchParams(writeTableUrlState(next, spec, current), mode);
    },
    [spec, serialized],
  );

  return { state, update };
}

/*
 * Equal parts of the view are handed out as the same objects, whichever render or component parsed
 * them: writing the search to the URL must not give TanStack new filter and sort objects, or it
 * filters 50,000 rows again for nothing. A small module-level table of recent values does it.
 */
const recent = new Map<string, unknown>();
const RECENT_MAX = 64;

function shared<T>(value: T): T {
  const key = JSON.stringify(value);
  const hit = recent.get(key);
  if (hit !== undefined) return hit as T;
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, value);
  return value;
}

function withSharedParts(state: TableUrlState): TableUrlState {
  return { search: state.search, sorting: shared(state.sorting), filters: shared(state.filters), hidden: shared(state.hidden) };
}
