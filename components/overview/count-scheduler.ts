import type { QueryState } from "@tanstack/react-query";

/*
 * The Overview needs three calls per organization (settings, roles, users walk) across a tree that
 * may hold hundreds of organizations, all through one shared rate budget (API.md: 4 requests/s by
 * default). Firing them all at once would queue hundreds of requests on the server and starve the
 * officer's next click; instead a small window of tasks runs, in the order the officer sees the
 * organizations, and the next starts as one finishes.
 */

export type TaskState = "settled" | "running" | "waiting";

/** How many count tasks run at once: enough to keep the server's throttle busy, few enough to leave room. */
export const COUNT_WINDOW = 3;

/**
 * `retryEpoch`: when the officer last asked for failures to be tried again (Retry, Refresh). A
 * failure stays shown until then, never retried in a loop. (TanStack marks a failed query
 * invalidated, so that flag cannot tell a failure from a refresh.)
 */
export function taskState(state: QueryState<unknown, Error> | undefined, now: number, staleMs: number, retryEpoch = 0): TaskState {
  if (!state) return "waiting";
  if (state.fetchStatus === "fetching") return "running";
  if (state.status === "error") return state.errorUpdatedAt >= retryEpoch ? "settled" : "waiting";
  if (state.isInvalidated) return "waiting";
  if (state.status === "success" && now - state.dataUpdatedAt < staleMs) return "settled";
  return "waiting";
}

/** Which tasks may run now: those running keep going, then waiting ones in order up to the window. */
export function tasksToEnable(states: readonly TaskState[], window: number, paused: boolean): boolean[] {
  if (paused) return states.map(() => false);
  let free = window - states.filter((s) => s === "running").length;
  return states.map((s) => {
    if (s === "running") return true;
    if (s === "waiting" && free > 0) {
      free--;
      return true;
    }
    return false;
  });
}
