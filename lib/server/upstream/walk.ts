import "server-only";
import { listLabel, recordIdOf, walkLimit, type EndpointRecord, type ListEndpoint, type ListRequest } from "@/lib/shared/compliance/endpoints";
import { startCursor, stepWalk, walkFailureMessage, type StepOptions } from "@/lib/shared/compliance/pagination";
import type { Page } from "@/lib/shared/compliance/schemas";
import type { Priority } from "@/lib/server/throttle/limiter";
import type { UpstreamClient } from "./client";
import { answerOf, type CallOptions } from "./endpoints";
import { UpstreamError } from "./errors";

/*
 * Walking a whole list on the server, page by page, with the one step every walker shares
 * (lib/shared/compliance/pagination.ts): rows are handed out as each page arrives; a walk that cannot be
 * completed fails loudly with a pagination error rather than end as if whole.
 */

export interface WalkProgress {
  pages: number;
  rows: number;
  hasMore: boolean;
}

export interface WalkOptions<T = unknown> extends Pick<StepOptions<T>, "idOf" | "maxEmptyPages"> {
  signal?: AbortSignal;
  onPage?(info: WalkProgress): void;
  /** What is being listed, for messages ("users of organization ..."). */
  label?: string;
}

/** A page as the walker needs it; a request id, when given, is quoted in a pagination error. */
export type FetchPage<T> = (page: string | undefined) => Promise<Page<T> & { requestId?: string }>;

/** Yields each non-empty page's rows, in order. */
export async function* walkPages<T>(fetchPage: FetchPage<T>, opts: WalkOptions<T> = {}): AsyncGenerator<T[], void, undefined> {
  const label = opts.label ?? "the list";
  const ids = opts.idOf ? new Set<string>() : undefined;
  let cursor = startCursor();
  for (;;) {
    if (opts.signal?.aborted) {
      throw new UpstreamError({ kind: "cancelled", message: `Listing ${label} was cancelled.`, cause: opts.signal.reason });
    }
    const page = await fetchPage(cursor.next);
    const step = stepWalk(cursor, page, { idOf: opts.idOf, ids, maxEmptyPages: opts.maxEmptyPages });
    if (!step.ok) throw new UpstreamError({ kind: "pagination", message: walkFailureMessage(label, step, page.requestId), requestId: page.requestId });
    cursor = step.cursor;
    opts.onPage?.({ pages: cursor.pages, rows: cursor.rows, hasMore: !cursor.done });
    if (page.data.length > 0) yield page.data;
    if (cursor.done) return;
  }
}

/** Every row of a walk, in order. Takes a page fetcher or a walk already begun (e.g. `walkList(request)`). */
export async function walkAll<T>(source: FetchPage<T> | AsyncIterable<T[]>, opts: WalkOptions<T> = {}): Promise<T[]> {
  const pages = typeof source === "function" ? walkPages(source, opts) : source;
  const out: T[] = [];
  for await (const rows of pages) {
    for (const row of rows) out.push(row);
  }
  return out;
}

export interface WalkerOptions extends Omit<WalkOptions, "idOf"> {
  client?: UpstreamClient;
  /** Whole-list walks are bulk work by default: interactive page loads go first. */
  priority?: Priority;
  fresh?: boolean;
  keep?: boolean;
  onSent?: () => void;
}

/** Every record of one list endpoint, at the most rows per call, each record checked to come once (when it has an id). */
export function walkList<N extends ListEndpoint>(req: ListRequest<N>, opts: WalkerOptions = {}): AsyncGenerator<EndpointRecord<N>[], void, undefined> {
  const call: CallOptions = { client: opts.client, priority: opts.priority ?? "bulk", signal: opts.signal, fresh: opts.fresh, keep: opts.keep, onSent: opts.onSent };
  const limit = walkLimit(req.endpoint);
  const fetchPage: FetchPage<EndpointRecord<N>> = async (page) => {
    const answer = await answerOf({ ...req, query: { ...req.query, limit, page } } as never, call);
    return { ...(answer.data as Page<EndpointRecord<N>>), requestId: answer.requestId };
  };
  return walkPages(fetchPage, { ...opts, label: opts.label ?? listLabel(req as ListRequest), idOf: recordIdOf(req.endpoint) });
}
