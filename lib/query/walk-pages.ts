import type { Page } from "@/lib/compliance/schemas";
import { ApiError } from "./api-error";

/*
 * Walks a paginated list from the browser, one page after another (API.md: there is no total
 * count, a short page may not be the last, follow next_page until has_more is false or it is
 * null). Pure: the page fetcher is passed in, so the rules are tested without a network.
 * The state after every page is handed out (progress, and a walk that can be resumed after a
 * cancel), and the walk is only "done" when the API said so.
 */

export interface WalkState<T> {
  pages: T[][];
  /** The token to ask for next; null once the API said there is nothing more. */
  nextPage: string | null;
  /** Every token already asked for: one coming back means the walk would loop. */
  seenTokens: string[];
  rows: number;
  /** Records dropped because an earlier page already held the same id. */
  duplicates: number;
  done: boolean;
}

export type FetchPage<T> = (page: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;

export interface WalkOptions<T> {
  signal?: AbortSignal;
  /** Continue a walk that stopped (cancelled or failed) instead of starting over. */
  resume?: WalkState<T>;
  /** When given, a record whose id an earlier page held is dropped (and counted). */
  idOf?: (row: T) => string;
  onPage?: (state: WalkState<T>) => void;
  /** Empty pages in a row that still say has_more before the walk gives up. */
  maxEmptyPages?: number;
}

export const emptyWalkState = <T>(): WalkState<T> => ({ pages: [], nextPage: null, seenTokens: [], rows: 0, duplicates: 0, done: false });

function abortError(): Error {
  const e = new Error("The walk was cancelled.");
  e.name = "AbortError";
  return e;
}

const paginationError = (message: string) => new ApiError({ type: "pagination", status: 0, message });

export async function walkPages<T>(fetchPage: FetchPage<T>, opts: WalkOptions<T> = {}): Promise<WalkState<T>> {
  const { signal, idOf, onPage } = opts;
  const maxEmpty = opts.maxEmptyPages ?? 20;
  const resumable = opts.resume && !opts.resume.done && opts.resume.nextPage ? opts.resume : undefined;

  let state: WalkState<T> = resumable ?? emptyWalkState<T>();
  const seen = new Set(state.seenTokens);
  const ids = new Set<string>();
  if (idOf) for (const page of state.pages) for (const row of page) ids.add(idOf(row));

  let token: string | undefined = resumable?.nextPage ?? undefined;
  let emptyRun = 0;

  for (;;) {
    if (signal?.aborted) throw abortError();
    const page = await fetchPage(token, signal);
    if (signal?.aborted) throw abortError();

    const rows = page.data;
    const duplicates = 0;
    if (idOf) {
      for (const row of rows) {
        const id = idOf(row);
        // A record seen on an earlier page means the pages shifted under the walk: some other
        // record may be missing, so the list cannot be shown as whole (the server's walker agrees).
        if (ids.has(id)) {
          throw paginationError(
            `The Compliance API returned ${id} on two pages (after ${state.rows.toLocaleString("en-US")} rows), so rows may be missing; the walk stopped rather than show an incomplete list. Refresh to walk again.`,
          );
        }
        ids.add(id);
      }
    }

    const next = page.has_more && page.next_page ? page.next_page : null;
    const seenTokens = token === undefined ? state.seenTokens : [...state.seenTokens, token];
    if (token !== undefined) seen.add(token);

    state = {
      pages: [...state.pages, rows],
      nextPage: next,
      seenTokens,
      rows: state.rows + rows.length,
      duplicates: state.duplicates + duplicates,
      done: next === null,
    };
    onPage?.(state);
    if (state.done) return state;

    if (seen.has(next!)) {
      throw paginationError(
        `The Compliance API handed back a page token it had already given (after ${state.rows.toLocaleString("en-US")} rows); the list would never end, so the walk stopped. Retry later; if it repeats, report it.`,
      );
    }
    emptyRun = page.data.length === 0 ? emptyRun + 1 : 0;
    if (emptyRun >= maxEmpty) {
      throw paginationError(
        `The Compliance API answered ${emptyRun} empty pages in a row that each said more was coming; the walk stopped rather than loop. Retry later.`,
      );
    }
    token = next!;
  }
}
