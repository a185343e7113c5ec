import { ENDPOINTS, matchEndpoint, queryNames, type EndpointName } from "@/lib/shared/compliance/endpoints";
import { UUID_RE } from "@/lib/shared/compliance/ids";
import type { Directory } from "./directory";
import { SCOPE_ORG_AUDIT, SCOPE_ORG_DATA, SCOPE_USER_DATA, checkKey } from "./keys";
import type { PageTokens } from "./page-token";
import type { Admission, RateState, RateWindow } from "./rate-window";

/*
 * The Compliance API's directory endpoints over a synthetic Directory (API.md), as plain
 * request -> result logic with no HTTP in it. Checks run in the upstream's order: method, key,
 * rate budget, path, scope, query parameters, then the ids in the path.
 */

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 1000;
/** Organizations, paginated since mid-2026: `limit` default and maximum are both 1,000. */
export const ORGANIZATIONS_LIMIT = 1000;
export const LEGACY_ORGANIZATIONS_CAP = 1000;
export const LEGACY_CAP_MESSAGE = "Maximum Response Size Exceeded";
/** Revision J's words for the cap (API.md), under `internal_error`. */
export const J_CAP_MESSAGE = "This response would have exceeded the maximum of 1,000 organizations returned in one request.";

/**
 * Which spec revision's error forms the simulator answers in (API.md, Errors): "current" answers a
 * missing scope with 403 `permission_error` "Missing required scopes. Got: [...] Needed one of: [...]"
 * and the legacy organizations cap with 500 `api_error` "Maximum Response Size Exceeded"; "J" answers
 * a missing scope with 401 `authentication_error` "The API key provided does not have the `scope`
 * scope required for this endpoint." and the cap with 500 `internal_error` in J's words.
 */
export const ERROR_REVISIONS = ["current", "J"] as const;
export type ErrorRevision = (typeof ERROR_REVISIONS)[number];

interface Route {
  endpoint: EndpointName;
  org?: string;
  role?: string;
  group?: string;
}

export interface ApiRequest {
  method: string;
  pathname: string;
  /** The raw query string, without "?". */
  query: string;
  apiKey: string | undefined;
  now: number;
}

export interface ErrorBody {
  type: "error";
  error: { type: string; message: string };
}

/**
 * `rate` is the budget state to report in `anthropic-ratelimit-*` headers; absent for answers refused
 * before the rate limiter (method, key), which upstream sends without those headers (API.md).
 */
export type ApiResult = (
  | { kind: "json"; status: number; body: unknown }
  | {
      kind: "page";
      /** What the page token is bound to: the path, plus the filter for groups. */
      resource: string;
      offset: number;
      hop: number;
      limit: number;
      total: number;
      rows: (start: number, end: number) => unknown[];
      sentToken: string | undefined;
    }
) & { headers: Record<string, string>; rate?: RateState; keyName?: string };

export const errorBody = (type: string, message: string): ErrorBody => ({ type: "error", error: { type, message } });

/** The path under `/v1/compliance/`, matched against the product's endpoint table: the same catalogue the app calls. */
function matchRoute(pathname: string): Route | undefined {
  const prefix = "/v1/compliance/";
  if (!pathname.startsWith(prefix)) return undefined;
  let parts: string[];
  try {
    parts = pathname.slice(prefix.length).split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const match = matchEndpoint(parts);
  if (!match.ok) return undefined;
  const { orgUuid, roleId, groupId } = match.params;
  return { endpoint: match.endpoint, org: orgUuid, role: roleId, group: groupId };
}

const quoteList = (items: readonly string[]) => `[${items.map((s) => `'${s}'`).join(", ")}]`;

export interface ApiOptions {
  directory: Directory;
  tokens: PageTokens;
  rate: RateWindow;
  legacyOrganizations: boolean;
  errorRevision?: ErrorRevision;
}

export class ComplianceApi {
  constructor(private readonly o: ApiOptions) {}

  handle(req: ApiRequest): ApiResult {
    const { rate } = this.o;
    const fail = (status: number, type: string, message: string, headers: Record<string, string> = {}, state?: RateState): ApiResult => ({
      kind: "json",
      status,
      body: errorBody(type, message),
      headers,
      rate: state,
    });
    const revisionJ = this.o.errorRevision === "J";

    if (req.method !== "GET") return fail(405, "invalid_request_error", `Method ${req.method} is not allowed on this endpoint.`, { allow: "GET" });
    const route = matchRoute(req.pathname);

    const key = checkKey(req.apiKey);
    if (!key.ok) {
      switch (key.reason) {
        case "missing":
          // API.md: the newest docs answer a keyless request with a bare 404 everywhere but settings.
          return route?.endpoint === "organizationSettings"
            ? fail(401, "authentication_error", "x-api-key header is required.")
            : fail(404, "not_found_error", "Not found");
        case "admin":
          return fail(403, "permission_error", "Admin API keys cannot be used with the Compliance API. Use a Compliance Access Key (sk-ant-api01-...).");
        case "invalid":
          return fail(401, "authentication_error", "API key is invalid.");
        case "deactivated":
          return fail(401, "authentication_error", "API key has been deactivated.");
        case "expired":
          return fail(401, "authentication_error", "API key has expired.");
      }
    }

    const admission: Admission = rate.admit(req.now);
    if (!admission.admitted) {
      const wait = admission.retryAfterSeconds ?? 1;
      return fail(
        429,
        "rate_limit_error",
        `Rate limit exceeded: ${rate.limit} requests per minute for this organization. Retry after ${wait} seconds.`,
        { "retry-after": String(wait) },
        admission,
      );
    }
    const ok = (body: unknown): ApiResult => ({ kind: "json", status: 200, body, headers: {}, rate: admission, keyName: key.record.name });
    const refuse = (status: number, type: string, message: string) => ({ ...fail(status, type, message, {}, admission), keyName: key.record.name });

    if (!route) return refuse(404, "not_found_error", "Not found");

    const spec = ENDPOINTS[route.endpoint];
    const needed = [spec.scope === "user" ? SCOPE_USER_DATA : SCOPE_ORG_DATA, SCOPE_ORG_AUDIT];
    if (!key.record.scopes.some((s) => needed.includes(s))) {
      if (revisionJ) return refuse(401, "authentication_error", `The API key provided does not have the \`${needed[0]}\` scope required for this endpoint.`);
      return refuse(403, "permission_error", `Missing required scopes. Got: ${quoteList(key.record.scopes)} Needed one of: ${quoteList(needed)}`);
    }

    // The older unpaginated organizations answer takes no parameters at all (API.md).
    const allowed = "legacyBare" in spec && this.o.legacyOrganizations ? [] : queryNames(route.endpoint);
    const params = new URLSearchParams(req.query);
    const seen = new Set<string>();
    for (const name of params.keys()) {
      if (!allowed.includes(name)) return refuse(400, "invalid_request_error", `Unknown query parameter: ${name}`);
      if (seen.has(name)) return refuse(400, "invalid_request_error", `Query parameter ${name} was given more than once.`);
      seen.add(name);
    }
    const maxLimit = route.endpoint === "organizations" ? ORGANIZATIONS_LIMIT : MAX_LIMIT;
    let limit = route.endpoint === "organizations" ? ORGANIZATIONS_LIMIT : DEFAULT_LIMIT;
    const rawLimit = params.get("limit");
    if (rawLimit !== null) {
      const n = /^\d{1,7}$/.test(rawLimit) ? Number(rawLimit) : NaN;
      if (!(n >= 1 && n <= maxLimit)) return refuse(400, "invalid_request_error", `limit must be an integer from 1 to ${maxLimit} (got "${rawLimit.slice(0, 40)}").`);
      limit = n;
    }
    const namePrefix = params.get("name_prefix") ?? "";
    const sentToken = params.get("page") ?? undefined;

    const d = this.o.directory;
    const page = (resource: string, total: number, rows: (s: number, e: number) => unknown[]): ApiResult => {
      let offset = 0;
      let hop = 0;
      if (sentToken !== undefined) {
        const pos = this.o.tokens.read(sentToken, resource);
        if (!pos) return refuse(400, "invalid_request_error", "Invalid page token.");
        offset = pos.offset;
        hop = pos.hop;
      }
      return { kind: "page", resource, offset, hop, limit, total, rows, sentToken, headers: {}, rate: admission, keyName: key.record.name };
    };

    const org = route.org !== undefined && UUID_RE.test(route.org) ? d.organization(route.org) : undefined;
    if (route.org !== undefined && !org) return refuse(404, "not_found_error", "Organization not found.");

    switch (route.endpoint) {
      case "organizations": {
        const all = d.organizations;
        if (this.o.legacyOrganizations) {
          if (all.length > LEGACY_ORGANIZATIONS_CAP) return revisionJ ? refuse(500, "internal_error", J_CAP_MESSAGE) : refuse(500, "api_error", LEGACY_CAP_MESSAGE);
          return ok({ data: all });
        }
        return page(req.pathname, all.length, (s, e) => all.slice(s, e));
      }
      case "organizationUsers": {
        const uuid = org!.uuid;
        return page(req.pathname, d.userCountOf(uuid), (s, e) => d.usersPage(uuid, s, e - s));
      }
      case "roles": {
        const roles = d.rolesOf(org!.uuid);
        return page(req.pathname, roles.length, (s, e) => roles.slice(s, e));
      }
      case "role": {
        const role = d.role(org!.uuid, route.role!);
        return role ? ok(role) : refuse(404, "not_found_error", "Role not found.");
      }
      case "rolePermissions": {
        if (!d.role(org!.uuid, route.role!)) return refuse(404, "not_found_error", "Role not found.");
        const perms = d.permissionsOf(org!.uuid, route.role!);
        return page(req.pathname, perms.length, (s, e) => perms.slice(s, e));
      }
      case "organizationSettings":
        return ok(d.settingsOf(org!.uuid));
      case "groups": {
        // name_prefix is a case-sensitive prefix of the group name (our reading; API.md is silent).
        const groups = namePrefix ? d.groups.filter((g) => g.name.startsWith(namePrefix)) : d.groups;
        return page(`${req.pathname}?name_prefix=${namePrefix}`, groups.length, (s, e) => groups.slice(s, e));
      }
      case "group": {
        const group = d.group(route.group!);
        return group ? ok(group) : refuse(404, "not_found_error", "Group not found.");
      }
      case "groupMembers": {
        if (!d.group(route.group!)) return refuse(404, "not_found_error", "Group not found.");
        const members = d.membersOf(route.group!);
        return page(req.pathname, members.length, (s, e) => members.slice(s, e));
      }
    }
  }
}
