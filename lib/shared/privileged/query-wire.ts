import { z } from "zod";
import { countParam, facetValuesParam, flagParam, queryFromParams, sortParam, sortParamText } from "@/lib/shared/data-table/server-query-params";
import { privilegedReportSchema } from "./wire";

/*
 * The privileged access report answered by the server (GET /api/directory/privileged/query): the
 * view's search, facet filters and sort go up, one window of rows, the counts and each facet's
 * counts come back. The parameter names are the page's URL keys (its columns' filters), so the
 * page's address is the query and old links keep working. `as_of` and `since` name the report (a
 * pair of syncs) and are read as the report route reads them. Isomorphic.
 */

/** Facet filter keys (the page's URL keys) and the column each one filters. */
export const PRIVILEGED_FACETS = { org: "organization", source: "source", access: "access", new: "new_since" } as const;
export type PrivilegedFacet = keyof typeof PRIVILEGED_FACETS;
export const PRIVILEGED_FACET_KEYS = Object.keys(PRIVILEGED_FACETS) as PrivilegedFacet[];

/** The table's sortable columns. */
export const PRIVILEGED_SORTS = ["person", "email", "user_id", "organization", "source", "access", "path", "resource", "new_since"] as const;
export type PrivilegedSort = (typeof PRIVILEGED_SORTS)[number];

/** The order the report opens in (the report's own order). */
export const PRIVILEGED_DEFAULT_SORT: { id: PrivilegedSort; desc: boolean }[] = [{ id: "organization", desc: false }];

/** Rows per window the page asks for (a screenful with the overscan above and below, twice). */
export const PRIVILEGED_WINDOW = 120;
/** Most rows the page prints (fetched when asked), and so most rows in one answer: more is a download's job. */
export const PRIVILEGED_PRINT_MAX = 5_000;
const MAX_SEARCH = 10_000;

export const privilegedQuerySchema = z
  .object({
    q: z.string().max(MAX_SEARCH).default(""),
    sort: sortParam(PRIVILEGED_SORTS).default([]),
    offset: countParam(10_000_000).default(0),
    limit: countParam(PRIVILEGED_PRINT_MAX).default(100),
    /** Each facet's counts (values held by rows matching the other filters). */
    facets: flagParam.default(true),
    ...(Object.fromEntries(PRIVILEGED_FACET_KEYS.map((k) => [k, facetValuesParam.default([])])) as Record<PrivilegedFacet, z.ZodDefault<typeof facetValuesParam>>),
  })
  .strict();

export type PrivilegedQuery = z.output<typeof privilegedQuerySchema>;
export type PrivilegedView = Partial<Pick<PrivilegedQuery, "q" | PrivilegedFacet>> & { sort?: { id: string; desc: boolean }[] };
export type PrivilegedQueryInput = PrivilegedView & Partial<Pick<PrivilegedQuery, "offset" | "limit" | "facets">>;

const REPEATED = new Set<string>(PRIVILEGED_FACET_KEYS);
/** The report's own parameters, read apart (lib/server/privileged/query.ts). */
export const PRIVILEGED_REPORT_PARAMS = ["as_of", "since"] as const;

/** The view and window parameters (without as_of and since). */
export function privilegedQueryFromParams(params: URLSearchParams): { ok: true; query: PrivilegedQuery } | { ok: false; message: string } {
  return queryFromParams(privilegedQuerySchema, params, REPEATED, `q, sort, offset, limit, facets, as_of, since and the facets ${PRIVILEGED_FACET_KEYS.join(", ")}`);
}

const privilegedViewSchema = privilegedQuerySchema.omit({ offset: true, limit: true, facets: true });

/** A view's search, filters and sort alone (the download's rows); `others` names the route's other parameters, read apart. */
export function privilegedViewFromParams(params: URLSearchParams, others: string): { ok: true; query: z.output<typeof privilegedViewSchema> } | { ok: false; message: string } {
  return queryFromParams(privilegedViewSchema, params, REPEATED, `q, sort, ${others} and the facets ${PRIVILEGED_FACET_KEYS.join(", ")}`);
}

/** A view's search, filters and sort as query parameters (the page's URL keys); defaults left out. */
export function privilegedViewParams(view: PrivilegedView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.q) p.set("q", view.q);
  for (const k of PRIVILEGED_FACET_KEYS) for (const v of view[k] ?? []) p.append(k, v);
  if (view.sort?.length) p.set("sort", sortParamText(view.sort));
  return p;
}

/** The query string for a query; defaults left out. */
export function privilegedQueryParams(query: PrivilegedQueryInput): URLSearchParams {
  const p = privilegedViewParams(query);
  if (query.offset) p.set("offset", String(query.offset));
  if (query.limit !== undefined) p.set("limit", String(query.limit));
  if (query.facets === false) p.set("facets", "0");
  return p;
}

/** The report's counts (every row) with one window of the view's rows. */
export const privilegedQueryAnswerSchema = privilegedReportSchema.extend({
  /** Rows matching the search and every filter. */
  matched: z.number(),
  offset: z.number(),
  /** Per facet, [value, rows holding it among those matching the search and the other filters]. */
  facets: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))).optional(),
  /** With `since`: rows of the whole report that are new since that sync. */
  new_count: z.number().nullable(),
});
export type PrivilegedQueryAnswer = z.infer<typeof privilegedQueryAnswerSchema>;

/** The first window the server renders into the page, and the view it was read for. */
export interface PrivilegedFirstScreen {
  asOf: string | null;
  since: string | null;
  /** The view it answers (privilegedViewParams, the default sort written out). */
  viewKey: string;
  answer: PrivilegedQueryAnswer;
}
