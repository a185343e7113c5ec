import type { Page } from "./schemas";

/*
 * Walking a paginated list (API.md, Pagination), one page at a time: pass `next_page` back
 * unchanged, stop when `has_more` is false or `next_page` is null. There is no total count; a
 * short or even empty page may not be the last. The server's walker and the browser's both wrap
 * this one step, so they cannot drift: each only fetches, reports and words its error type.
 * Pure but for the id set it is handed (rebuilt from the rows when a walk resumes).
 */

/** Empty pages in a row that still say `has_more` before we call the walk broken. */
export const MAX_EMPTY_PAGES_IN_A_ROW = 20;

/** Where a walk stands after its last page; plain data, so a stopped walk can resume from it. */
export interface WalkCursor {
  /** The token to ask for next; undefined before the first page and once done. */
  next: string | undefined;
  /** Every token already asked for: one coming back means the walk would loop. */
  seenTokens: readonly string[];
  pages: number;
  rows: number;
  emptyInARow: number;
  /** The API said there is nothing more. */
  done: boolean;
}

export const startCursor = (): WalkCursor => ({ next: undefined, seenTokens: [], pages: 0, rows: 0, emptyInARow: 0, done: false });

export interface StepOptions<T> {
  /**
   * The record's identity. When given, a record listed twice fails the walk: a page that repeats
   * an earlier one stands in for rows that were never sent, so dropping the copy would hand out
   * an incomplete list as if it were whole.
   */
  idOf?: (row: T) => string;
  /** The ids of every row accepted so far; the step adds this page's. */
  ids?: Set<string>;
  maxEmptyPages?: number;
}

/** The page is taken (the walk goes on or is done), or the walk cannot be completed and says why. */
export type Step = { ok: true; cursor: WalkCursor } | { ok: false; detail: string; pages: number; rows: number };

export function stepWalk<T>(cursor: WalkCursor, page: Page<T>, opts: StepOptions<T> = {}): Step {
  const pages = cursor.pages + 1;
  const rows = cursor.rows + page.data.length;
  const fail = (detail: string): Step => ({ ok: false, detail, pages, rows });

  if (opts.idOf && opts.ids) {
    for (const row of page.data) {
      const id = opts.idOf(row);
      if (opts.ids.has(id)) return fail(`the Compliance API listed ${id.slice(0, 80)} twice (the list may have changed while it was read)`);
      opts.ids.add(id);
    }
  }

  const token = page.next_page;
  // The legacy organizations answer is a bare `{data}`: no has_more, no token, one page.
  const hasMore = page.has_more !== false && typeof token === "string" && token !== "";
  const seenTokens = cursor.next === undefined ? cursor.seenTokens : [...cursor.seenTokens, cursor.next];
  if (!hasMore) return { ok: true, cursor: { next: undefined, seenTokens, pages, rows, emptyInARow: 0, done: true } };

  const emptyInARow = page.data.length === 0 ? cursor.emptyInARow + 1 : 0;
  if (emptyInARow > (opts.maxEmptyPages ?? MAX_EMPTY_PAGES_IN_A_ROW)) {
    return fail(`the Compliance API sent ${emptyInARow} empty pages in a row that each said more would follow`);
  }
  if (seenTokens.includes(token)) return fail("the Compliance API sent a page token it had already sent, which would loop forever");
  return { ok: true, cursor: { next: token, seenTokens, pages, rows, emptyInARow, done: false } };
}

/** The officer's sentence for a walk that could not be completed. */
export function walkFailureMessage(label: string, failure: { detail: string; pages: number; rows: number }, requestId?: string): string {
  const { detail, pages, rows } = failure;
  return `Listing ${label} was stopped after ${pages} pages (${rows.toLocaleString("en-US")} rows): ${detail}, so the list could not be completed. Try again later${requestId ? "; if it persists, contact Anthropic support with the request id" : ""}.`;
}
