import { z } from "zod";
import { MAX_LIMIT, MAX_PAGE_TOKEN_LENGTH, RBAC_ID_RE, UUID_RE } from "./ids";
import {
  effectiveSettingsSchema,
  groupMemberSchema,
  groupSchema,
  organizationSchema,
  pageSchema,
  permissionSchema,
  roleSchema,
  userSchema,
} from "./schemas";

/*
 * The Compliance API's directory endpoints (API.md), described once: path pattern, documented
 * query parameters, record schema, paginated or not. The proxy's matcher and checks, the upstream
 * requests and walkers, the browser's queries and the simulator's router all read this table.
 * Pure (zod only), so server, browser and simulator import it alike.
 */

/** Shows a bad input back to the officer without echoing kilobytes or control characters. */
export function preview(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

const rbacId = (kind: "role" | "group") =>
  z.string().regex(RBAC_ID_RE, {
    error: (iss) => `"${preview(String(iss.input))}" is not a ${kind} id: ${kind} ids are 1 to 128 letters, digits, "_" or "-" (like rbac_${kind}_01N2pQ...).`,
  });

/** The ids a path may hold, each checked once, where a request enters the app (CONTRACT.md). */
export const PATH_PARAMS = {
  orgUuid: z.string().regex(UUID_RE, {
    error: (iss) =>
      `"${preview(String(iss.input))}" is not an organization UUID (like 91012d09-e48b-438e-a489-1bebfd8fa6f9); copy the uuid from the Organizations page.`,
  }),
  roleId: rbacId("role"),
  groupId: rbacId("group"),
};

const MAX_NAME_PREFIX = 256;

/** Query parameters arrive as strings; these read them into what the upstream is sent. */
const limitParam = z.string().transform((s, ctx) => {
  const n = /^\d{1,4}$/.test(s) ? Number(s) : NaN;
  if (n >= 1 && n <= MAX_LIMIT) return n;
  ctx.issues.push({ code: "custom", input: s, message: `limit must be a whole number from 1 to ${MAX_LIMIT} (got "${preview(s)}").` });
  return z.NEVER;
});
const pageQuery = z.object({
  limit: limitParam.optional(),
  page: z
    .string()
    .refine((s) => s.length >= 1 && s.length <= MAX_PAGE_TOKEN_LENGTH, {
      error: `page must be the next_page token of a previous answer (1 to ${MAX_PAGE_TOKEN_LENGTH} characters).`,
    })
    .optional(),
});
const groupsQuery = pageQuery.extend({
  name_prefix: z
    .string()
    .refine((s) => s.length >= 1 && s.length <= MAX_NAME_PREFIX, { error: `name_prefix must be 1 to ${MAX_NAME_PREFIX} characters.` })
    .optional(),
});
const noQuery = z.object({});

/** `limit` and `page`, as the upstream is sent them. */
export type PageQuery = z.output<typeof pageQuery>;

/** A list: `{data, has_more, next_page}` of `record`; `id` names the record's identity (a repeat fails a walk). */
const list = <R extends z.ZodType, Q extends z.ZodObject>(record: R, query: Q, id?: string) =>
  ({ record, query, answer: pageSchema(record), paginated: true, id }) as const;
const one = <R extends z.ZodType>(record: R) => ({ record, query: noQuery, answer: record, paginated: false, id: undefined }) as const;

export const ENDPOINTS = {
  /** Paginated since mid-2026; older deployments answer a bare `{data}`, refuse any parameter, and fail above 1,000 organizations. */
  organizations: { path: "organizations", ...list(organizationSchema, pageQuery, "uuid"), scope: "org", legacyBare: true, label: () => "organizations" },
  organizationUsers: {
    path: "organizations/:orgUuid/users",
    ...list(userSchema, pageQuery, "id"),
    scope: "user",
    label: (p: { orgUuid: string }) => `users of organization ${p.orgUuid}`,
  },
  roles: {
    path: "organizations/:orgUuid/roles",
    ...list(roleSchema, pageQuery, "id"),
    scope: "org",
    label: (p: { orgUuid: string }) => `roles of organization ${p.orgUuid}`,
  },
  role: { path: "organizations/:orgUuid/roles/:roleId", ...one(roleSchema), scope: "org" },
  /** Permissions have no id of their own: nothing to de-duplicate. */
  rolePermissions: {
    path: "organizations/:orgUuid/roles/:roleId/permissions",
    ...list(permissionSchema, pageQuery),
    scope: "org",
    label: (p: { roleId: string }) => `permissions of role ${p.roleId}`,
  },
  organizationSettings: { path: "organizations/:orgUuid/settings", ...one(effectiveSettingsSchema), scope: "org" },
  /** Groups are parent-wide; `name_prefix` is a case-sensitive prefix of the name. */
  groups: { path: "groups", ...list(groupSchema, groupsQuery, "id"), scope: "org", label: () => "groups" },
  group: { path: "groups/:groupId", ...one(groupSchema), scope: "org" },
  groupMembers: {
    path: "groups/:groupId/members",
    ...list(groupMemberSchema, pageQuery, "user_id"),
    scope: "user",
    label: (p: { groupId: string }) => `members of group ${p.groupId}`,
  },
} as const;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;
export type ListEndpoint = { [N in EndpointName]: Endpoints[N]["paginated"] extends true ? N : never }[EndpointName];
export type RecordEndpoint = Exclude<EndpointName, ListEndpoint>;

type ParamsIn<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamsIn<Rest> : P extends `${string}:${infer Name}` ? Name : never;
export type PathParams<N extends EndpointName> = { [K in ParamsIn<Endpoints[N]["path"]>]: string };
export type EndpointQuery<N extends EndpointName> = z.output<Endpoints[N]["query"]>;
export type EndpointRecord<N extends EndpointName> = z.output<Endpoints[N]["record"]>;
export type EndpointAnswer<N extends EndpointName> = z.output<Endpoints[N]["answer"]>;

/** One request to one endpoint: its name, its path ids and its (checked) query parameters. */
export type ComplianceRequest<N extends EndpointName = EndpointName> = {
  [K in N]: { endpoint: K; query: EndpointQuery<K> } & PathParams<K>;
}[N];

/** Which endpoint and which record(s): a request without its query parameters. */
export type EndpointRef<N extends EndpointName = EndpointName> = { [K in N]: { endpoint: K } & PathParams<K> }[N];

/** A list request without its page (the walker supplies `limit` and `page`). */
export type ListRequest<N extends ListEndpoint = ListEndpoint> = {
  [K in N]: { endpoint: K; query?: Omit<EndpointQuery<K>, "limit" | "page"> } & PathParams<K>;
}[N];

const NAMES = Object.keys(ENDPOINTS) as EndpointName[];
const patternOf = (name: EndpointName) => ENDPOINTS[name].path.split("/");
const isParam = (part: string) => part.startsWith(":");

/** The path of a request under the API's root, each id made a path segment by `encode`. */
export function endpointPath<N extends EndpointName>(req: EndpointRef<N>, encode: (id: string) => string = encodeURIComponent): string {
  const params = req as unknown as Record<string, string>;
  return patternOf(req.endpoint)
    .map((part) => (isParam(part) ? encode(params[part.slice(1)]!) : part))
    .join("/");
}

/** The schema of one record of the endpoint (a list's rows, or the single record). */
export const recordSchemaOf = <N extends EndpointName>(name: N) => ENDPOINTS[name].record as unknown as z.ZodType<EndpointRecord<N>>;
/** The schema of the endpoint's whole answer (a page of a list, or the single record). */
export const answerSchemaOf = <N extends EndpointName>(name: N) => ENDPOINTS[name].answer as unknown as z.ZodType<EndpointAnswer<N>>;

/** The record's identity, when it has one, for walks that must not see a record twice. */
export function recordIdOf(name: EndpointName): ((row: unknown) => string) | undefined {
  const key = ENDPOINTS[name].id;
  return key ? (row) => String((row as Record<string, unknown>)[key]) : undefined;
}

/** What a walk of this list is called in messages. */
export function listLabel(req: ListRequest): string {
  return (ENDPOINTS[req.endpoint].label as (p: ListRequest) => string)(req);
}

/** Walks ask for the most rows per page; never on organizations, whose older unpaginated form refuses any parameter. */
export function walkLimit(name: ListEndpoint): number | undefined {
  return "legacyBare" in ENDPOINTS[name] ? undefined : MAX_LIMIT;
}

export type PathMatch = { ok: true; endpoint: EndpointName; params: Record<string, string> } | { ok: false; status: 400 | 404; message?: string };

/**
 * Finds the endpoint whose pattern the path segments fill. With `checkIds`, each id is checked
 * against PATH_PARAMS as soon as the path reaches it, so `organizations/<not a uuid>/...` says
 * what is wrong with the id rather than that no such endpoint exists. The simulator matches
 * without it: the upstream answers a malformed id with its own 404.
 */
export function matchEndpoint(segments: readonly string[], { checkIds = false } = {}): PathMatch {
  let candidates = NAMES.filter((n) => patternOf(n).length >= segments.length);
  for (const [i, seg] of segments.entries()) {
    candidates = candidates.filter((n) => {
      const part = patternOf(n)[i]!;
      return isParam(part) || part === seg;
    });
    // Every endpoint still possible holds the same id here: check it now.
    const parts = new Set(candidates.map((n) => patternOf(n)[i]!));
    const [part] = parts;
    if (!checkIds || parts.size !== 1 || !isParam(part!)) continue;
    const checked = PATH_PARAMS[part!.slice(1) as keyof typeof PATH_PARAMS].safeParse(seg);
    if (!checked.success) return { ok: false, status: 400, message: checked.error.issues[0]!.message };
  }
  const found = candidates.find((n) => patternOf(n).length === segments.length);
  if (!found) return { ok: false, status: 404 };
  const params: Record<string, string> = {};
  for (const [i, part] of patternOf(found).entries()) if (isParam(part)) params[part.slice(1)] = segments[i]!;
  return { ok: true, endpoint: found, params };
}

/** The query parameters an endpoint documents (sending any other gets a 400 upstream). */
export const queryNames = (name: EndpointName): string[] => Object.keys(ENDPOINTS[name].query.shape);
