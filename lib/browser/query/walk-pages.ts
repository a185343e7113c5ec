import { startCursor, stepWalk, walkFailureMessage, type StepOptions, type WalkCursor } from "@/lib/shared/compliance/pagination";
import type { Page } from "@/lib/shared/compliance/schemas";
import { ApiError } from "./api-error";

/*
 * Walks a paginated list from the browser, one page after another, with the one step every
 * walker shares (lib/shared/compliance/pagination.ts). Pure: the page fetcher is passed in. The state
 * after every page is handed out (progress, and a walk that can be resumed after a cancel), and
 * the walk is only "done" when the API said so.
 */

export interface WalkState<T> extends WalkCursor {
  /** The rows, page by page, so far. */
  rowsByPage: T[][];
}

export type FetchPage<T> = (page: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;

export interface WalkOptions<T> extends Pick<StepOptions<T>, "idOf" | "maxEmptyPages"> {
  signal?: AbortSignal;
  /** Continue a walk that stopped (cancelled or failed) instead of starting over. */
  resume?: WalkState<T>;
  onPage?: (state: WalkState<T>) => void;
  /** What is being listed, for messages ("users of organization ..."). */
  label?: string;
}

export const emptyWalkState = <T>(): WalkState<T> => ({ ...startCursor(), rowsByPage: [] });

function abortError(): Error {
  const e = new Error("The walk was cancelled.");
  e.name = "AbortError";
  return e;
}

export async function walkPages<T>(fetchPage: FetchPage<T>, opts: WalkOptions<T> = {}): Promise<WalkState<T>> {
  const { signal, idOf, onPage } = opts;
  const resumable = opts.resume && !opts.resume.done && opts.resume.next !== undefined ? opts.resume : undefined;
  let state: WalkState<T> = resumable ?? emptyWalkState<T>();
  const ids = idOf ? new Set(state.rowsByPage.flat().map(idOf)) : undefined;

  for (;;) {
    if (signal?.aborted) throw abortError();
    const page = await fetchPage(state.next, signal);
    if (signal?.aborted) throw abortError();
    const step = stepWalk(state, page, { idOf, ids, maxEmptyPages: opts.maxEmptyPages });
    if (!step.ok) throw new ApiError({ type: "pagination", status: 0, message: walkFailureMessage(opts.label ?? "the list", step) });
    state = { ...step.cursor, rowsByPage: [...state.rowsByPage, page.data] };
    onPage?.(state);
    if (state.done) return state;
  }
}
