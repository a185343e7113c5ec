import { z } from "zod";
import { countParam, facetValuesParam, flagParam, queryFromParams, sortParam, sortParamText } from "@/lib/shared/data-table/server-query-params";
import { directoryCountsSchema } from "./wire";

/*
 * People answered by the server (GET /api/directory/people/query): the view's search, facet
 * filters and sort go up, one window of rows, the counts and each facet's counts come back. The
 * parameter names are the People page's URL keys, so the page's address is the query. Isomorphic:
 * the route validates with these schemas, the page builds its requests and parses the answers.
 */

/** Facet filter keys (the page's URL keys) and the People column each one filters. */
export const PEOPLE_FACETS = {
  org: "organizations",
  role: "organizationRoles",
  rbac: "rbacRoles",
  group: "groupIds",
  action: "actions",
  domain: "domain",
} as const;
export type PeopleFacet = keyof typeof PEOPLE_FACETS;
export const PEOPLE_FACET_KEYS = Object.keys(PEOPLE_FACETS) as PeopleFacet[];

/** Columns People sorts on (the page's sortable columns). */
export const PEOPLE_SORTS = ["name", "email", "id", "organizations", "organizationRoles", "domain", "groupCount"] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

/** Rows in one answer: a screenful and the overscan on either side, several times over. */
export const PEOPLE_MAX_LIMIT = 500;
/** A pasted list of every person of the largest directory, with room. */
export const PEOPLE_MAX_SEARCH = 500_000;
const facetValues = facetValuesParam;

/** The query's parameters, every one optional; `as_of` is read apart (lib/server/http/as-of.ts). */
export const peopleQuerySchema = z
  .object({
    q: z.string().max(PEOPLE_MAX_SEARCH).default(""),
    sort: sortParam(PEOPLE_SORTS).default([]),
    offset: countParam(10_000_000).default(0),
    limit: countParam(PEOPLE_MAX_LIMIT).default(100),
    /** Every matching id, in the sort order (select all matching, downloads). */
    ids: flagParam.default(false),
    /** Each facet's counts (values held by rows matching the other filters). */
    facets: flagParam.default(true),
    /** The labelled options of the rbac, group and action facets (fixed per sync: asked once). */
    options: flagParam.default(false),
    ...(Object.fromEntries(PEOPLE_FACET_KEYS.map((k) => [k, facetValues.default([])])) as Record<PeopleFacet, z.ZodDefault<typeof facetValues>>),
  })
  .strict();

export type PeopleQuery = z.output<typeof peopleQuerySchema>;
export type PeopleQueryInput = Partial<Omit<PeopleQuery, "sort">> & { sort?: { id: string; desc: boolean }[] };

/** The order People opens in, and the rows per window the page asks for (a screenful with the overscan above and below, twice). */
export const PEOPLE_DEFAULT_SORT = [{ id: "name", desc: false }];
export const PEOPLE_WINDOW = 120;

const REPEATED = new Set<string>(PEOPLE_FACET_KEYS);

/** The query parameters as the schema reads them: facet keys repeat, every other key is given once. */
export function peopleQueryFromParams(params: URLSearchParams): { ok: true; query: PeopleQuery } | { ok: false; message: string } {
  return queryFromParams(peopleQuerySchema, params, REPEATED, `q, sort, offset, limit, ids, facets, options, as_of and the facets ${PEOPLE_FACET_KEYS.join(", ")}`);
}

/** The query string for a query (the page's URL keys); defaults left out. */
export function peopleQueryParams(query: PeopleQueryInput): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  for (const k of PEOPLE_FACET_KEYS) for (const v of query[k] ?? []) p.append(k, v);
  if (query.sort?.length) p.set("sort", sortParamText(query.sort));
  if (query.offset) p.set("offset", String(query.offset));
  if (query.limit !== undefined) p.set("limit", String(query.limit));
  if (query.ids) p.set("ids", "1");
  if (query.facets === false) p.set("facets", "0");
  if (query.options) p.set("options", "1");
  return p;
}

const grantSchema = z.object({
  group_id: z.string(),
  group: z.string(),
  role_id: z.string(),
  role: z.string(),
  organization_uuid: z.string(),
  organization: z.string(),
  /** Of the actions the role allows, those the view's action filter names (none without one). */
  actions: z.array(z.string()),
});

/** One person as a row of People, names joined: the page shows it without a catalog. */
export const peopleQueryRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  memberships: z.array(z.object({ organization_uuid: z.string(), organization: z.string(), role: z.string() })),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  /** RBAC role ids held through groups; names are in `grants`. */
  roles: z.array(z.string()),
  actions: z.array(z.string()),
  grants: z.array(grantSchema),
});
export type PeopleQueryRow = z.infer<typeof peopleQueryRowSchema>;

const optionSchema = z.object({ value: z.string(), label: z.string().optional() });

export const peopleQueryAnswerSchema = z.object({
  sync: z.string().optional(),
  builtAt: z.number(),
  /** The directory's size (people, memberships, organizations, groups). */
  counts: directoryCountsSchema,
  /** Everyone in the directory. */
  total: z.number(),
  /** Everyone matching the search and every filter. */
  matched: z.number(),
  offset: z.number(),
  rows: z.array(peopleQueryRowSchema),
  /** Per facet, [value, rows holding it among those matching the search and the other filters]. */
  facets: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))).optional(),
  /** Every matching id in the sort order, when asked (`ids=1`). */
  ids: z.array(z.string()).optional(),
  /** A pasted list of ids/emails: which entries are among the matching rows. */
  list: z.object({ total: z.number(), found: z.number(), missing: z.array(z.string()) }).optional(),
  /** When asked (`options=1`): the rbac, group and action facets' options, labelled, in order. */
  options: z.object({ rbac: z.array(optionSchema), group: z.array(optionSchema), action: z.array(optionSchema) }).optional(),
});
export type PeopleQueryAnswer = z.infer<typeof peopleQueryAnswerSchema>;

/** People's first window for the page's default view, rendered with the page (lib/server/first-screen/people.ts). */
export interface PeopleFirstScreen {
  /** The view it answers, as the page keys it (peopleQueryParams without window or extras). */
  viewKey: string;
  answer: PeopleQueryAnswer;
}
