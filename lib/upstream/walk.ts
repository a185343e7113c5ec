import "server-only";
import { MAX_LIMIT } from "@/lib/compliance/ids";
import type { Group, GroupMember, Organization, Page, Permission, Role, User } from "@/lib/compliance/schemas";
import type { Priority } from "@/lib/throttle/limiter";
import type { UpstreamClient } from "./client";
import { answerOf, requests, type CallOptions } from "./endpoints";
import { UpstreamError } from "./errors";

/*
 * Walking a whole list (API.md, Pagination): `limit=1000` (half the calls of the default),
 * `next_page` passed back unchanged, stop when `has_more` is false or `next_page` is null. There
 * is no total count; a short or even empty page may not be the last. A token seen before means
 * the walk would never end: fail loudly instead of looping.
 */

/** Rows per call when walking everything: the upstream's maximum. */
export const WALK_LIMIT = MAX_LIMIT;
/** Empty pages in a row that still say `has_more` before we call the walk broken. */
export const MAX_EMPTY_PAGES_IN_A_ROW = 20;

export interface WalkProgress {
  pages: number;
  rows: number;
  hasMore: boolean;
}

export interface WalkOptions<T = unknown> {
  signal?: AbortSignal;
  onPage?(info: WalkProgress): void;
  /** What is being listed, for messages ("users of organization ..."). */
  label?: string;
  maxEmptyPages?: number;
  /**
   * The record's identity. When given, a record listed twice fails the walk: a page that repeats
   * an earlier one stands in for rows that were never sent, so dropping the copy would hand out
   * an incomplete list as if it were whole.
   */
  idOf?: (row: T) => string;
}

/** A page as the walker needs it; a request id, when given, is quoted in a pagination error. */
export type FetchPage<T> = (page: string | undefined) => Promise<Page<T> & { requestId?: string }>;

function paginationError(label: string, detail: string, pages: number, rows: number, requestId?: string): UpstreamError {
  return new UpstreamError({
    kind: "pagination",
    message: `Listing ${label} was stopped after ${pages} pages (${rows} rows): ${detail}, so the list could not be completed. Try again later${requestId ? "; if it persists, contact Anthropic support with the request id" : ""}.`,
    requestId,
  });
}

/** Yields each non-empty page's rows, in order. */
export async function* walkPages<T>(fetchPage: FetchPage<T>, opts: WalkOptions<T> = {}): AsyncGenerator<T[], void, undefined> {
  const label = opts.label ?? "the list";
  const maxEmpty = opts.maxEmptyPages ?? MAX_EMPTY_PAGES_IN_A_ROW;
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  let rows = 0;
  let emptyInARow = 0;
  const ids = opts.idOf ? new Set<string>() : undefined;
  for (;;) {
    if (opts.signal?.aborted) {
      throw new UpstreamError({ kind: "cancelled", message: `Listing ${label} was cancelled.`, cause: opts.signal.reason });
    }
    const page = await fetchPage(token);
    pages++;
    rows += page.data.length;
    if (ids) {
      for (const row of page.data) {
        const id = opts.idOf!(row);
        if (ids.has(id)) {
          throw paginationError(label, `the Compliance API listed ${id.slice(0, 80)} twice (the list may have changed while it was read)`, pages, rows, page.requestId);
        }
        ids.add(id);
      }
    }
    const next = page.next_page;
    // The legacy organizations answer is a bare `{data}`: no has_more, no token, one page.
    const hasMore = page.has_more !== false && typeof next === "string" && next !== "";
    opts.onPage?.({ pages, rows, hasMore });
    if (page.data.length > 0) yield page.data;
    if (!hasMore) return;

    emptyInARow = page.data.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow > maxEmpty) {
      throw paginationError(label, `the Compliance API sent ${emptyInARow} empty pages in a row that each said more would follow`, pages, rows, page.requestId);
    }
    if (token !== undefined) seen.add(token);
    if (seen.has(next)) {
      throw paginationError(label, "the Compliance API sent a page token it had already sent, which would loop forever", pages, rows, page.requestId);
    }
    token = next;
  }
}

/** Every row of a walk, in order. Takes a page fetcher or a walk already begun (e.g. `walkOrganizationUsers(id)`). */
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
  onSent?: () => void;
}

function callOptions(opts: WalkerOptions): CallOptions {
  return { client: opts.client, priority: opts.priority ?? "bulk", signal: opts.signal, fresh: opts.fresh, onSent: opts.onSent };
}

function unwrap<T>(answer: { data: Page<T>; requestId?: string }): Page<T> & { requestId?: string } {
  return { ...answer.data, requestId: answer.requestId };
}

export function walkOrganizations(opts: WalkerOptions = {}): AsyncGenerator<Organization[], void, undefined> {
  const call = callOptions(opts);
  // No `limit`: its default is already the maximum here, and the legacy unpaginated form takes no parameters.
  return walkPages(async (page) => unwrap(await answerOf(() => requests.organizations({ page }), call)), { ...opts, label: opts.label ?? "organizations", idOf: (o) => o.uuid });
}

export function walkOrganizationUsers(orgUuid: string, opts: WalkerOptions = {}): AsyncGenerator<User[], void, undefined> {
  const call = callOptions(opts);
  return walkPages(async (page) => unwrap(await answerOf(() => requests.organizationUsers(orgUuid, { limit: WALK_LIMIT, page }), call)), {
    ...opts,
    label: opts.label ?? `users of organization ${orgUuid}`,
    idOf: (u) => u.id,
  });
}

export function walkRoles(orgUuid: string, opts: WalkerOptions = {}): AsyncGenerator<Role[], void, undefined> {
  const call = callOptions(opts);
  return walkPages(async (page) => unwrap(await answerOf(() => requests.roles(orgUuid, { limit: WALK_LIMIT, page }), call)), {
    ...opts,
    label: opts.label ?? `roles of organization ${orgUuid}`,
    idOf: (r) => r.id,
  });
}

export function walkRolePermissions(orgUuid: string, roleId: string, opts: WalkerOptions = {}): AsyncGenerator<Permission[], void, undefined> {
  const call = callOptions(opts);
  return walkPages(async (page) => unwrap(await answerOf(() => requests.rolePermissions(orgUuid, roleId, { limit: WALK_LIMIT, page }), call)), {
    ...opts,
    label: opts.label ?? `permissions of role ${roleId}`,
  });
}

export function walkGroups(opts: WalkerOptions & { namePrefix?: string } = {}): AsyncGenerator<Group[], void, undefined> {
  const call = callOptions(opts);
  return walkPages(async (page) => unwrap(await answerOf(() => requests.groups({ limit: WALK_LIMIT, page, name_prefix: opts.namePrefix }), call)), {
    ...opts,
    label: opts.label ?? "groups",
    idOf: (g) => g.id,
  });
}

export function walkGroupMembers(groupId: string, opts: WalkerOptions = {}): AsyncGenerator<GroupMember[], void, undefined> {
  const call = callOptions(opts);
  return walkPages(async (page) => unwrap(await answerOf(() => requests.groupMembers(groupId, { limit: WALK_LIMIT, page }), call)), {
    ...opts,
    label: opts.label ?? `members of group ${groupId}`,
    idOf: (m) => m.user_id,
  });
}
