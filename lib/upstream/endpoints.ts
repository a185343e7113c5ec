import "server-only";
import type { z } from "zod";
import {
  effectiveSettingsSchema,
  groupMemberSchema,
  groupSchema,
  organizationSchema,
  pageSchema,
  permissionSchema,
  roleSchema,
  userSchema,
  type EffectiveSettings,
  type Group,
  type GroupMember,
  type Organization,
  type Page,
  type Permission,
  type Role,
  type User,
} from "@/lib/compliance/schemas";
import type { GetOptions, Query, UpstreamAnswer, UpstreamClient } from "./client";
import { UpstreamError } from "./errors";
import { upstream } from "./instance";

/*
 * One typed function per upstream endpoint (API.md), answering the upstream's body. Each
 * endpoint is described once (path, documented parameters, schema) in `requests`; `answerOf`
 * runs a description and keeps the request id and fetch time, for walkers and cache-age labels.
 * Ids are checked by the routes; here they are only made safe as path segments, so no id can
 * reach another path. Unknown parameters get 400 upstream, so only documented ones are sent.
 */

export interface PageQuery {
  limit?: number;
  page?: string;
}
export interface GroupsQuery extends PageQuery {
  name_prefix?: string;
}

export interface CallOptions extends GetOptions {
  /** Defaults to the process-wide client; tests and benchmarks pass their own. */
  client?: UpstreamClient;
}

export interface EndpointRequest<S extends z.ZodType> {
  path: string;
  query: Query;
  schema: S;
}

const BASE = "/v1/compliance";

/** One path segment: percent-encoded, never empty or a dot segment (which URL parsing would resolve). */
export function segment(id: string): string {
  if (typeof id !== "string" || id === "" || id === "." || id === "..") {
    throw new UpstreamError({
      kind: "bad_request",
      message: "An empty or relative id cannot be looked up; check the link you followed.",
      path: "(refused)",
    });
  }
  return encodeURIComponent(id);
}

const pageParams = (q: PageQuery): Query => ({ limit: q.limit, page: q.page });
const orgPath = (orgUuid: string) => `${BASE}/organizations/${segment(orgUuid)}`;
const rolePath = (orgUuid: string, roleId: string) => `${orgPath(orgUuid)}/roles/${segment(roleId)}`;
const groupPath = (groupId: string) => `${BASE}/groups/${segment(groupId)}`;

const organizationsPage = pageSchema(organizationSchema);
const usersPage = pageSchema(userSchema);
const rolesPage = pageSchema(roleSchema);
const permissionsPage = pageSchema(permissionSchema);
const groupsPage = pageSchema(groupSchema);
const membersPage = pageSchema(groupMemberSchema);

export const requests = {
  /** Paginated since mid-2026; older deployments answer a bare `{data}` (and a 500 above 1,000 organizations). */
  organizations: (q: PageQuery = {}) => ({ path: `${BASE}/organizations`, query: pageParams(q), schema: organizationsPage }),
  organizationUsers: (orgUuid: string, q: PageQuery = {}) => ({ path: `${orgPath(orgUuid)}/users`, query: pageParams(q), schema: usersPage }),
  roles: (orgUuid: string, q: PageQuery = {}) => ({ path: `${orgPath(orgUuid)}/roles`, query: pageParams(q), schema: rolesPage }),
  role: (orgUuid: string, roleId: string) => ({ path: rolePath(orgUuid, roleId), query: {}, schema: roleSchema }),
  rolePermissions: (orgUuid: string, roleId: string, q: PageQuery = {}) => ({
    path: `${rolePath(orgUuid, roleId)}/permissions`,
    query: pageParams(q),
    schema: permissionsPage,
  }),
  groups: (q: GroupsQuery = {}) => ({ path: `${BASE}/groups`, query: { ...pageParams(q), name_prefix: q.name_prefix }, schema: groupsPage }),
  group: (groupId: string) => ({ path: groupPath(groupId), query: {}, schema: groupSchema }),
  groupMembers: (groupId: string, q: PageQuery = {}) => ({ path: `${groupPath(groupId)}/members`, query: pageParams(q), schema: membersPage }),
  organizationSettings: (organizationId: string) => ({
    path: `${orgPath(organizationId)}/settings`,
    query: {},
    schema: effectiveSettingsSchema,
  }),
} satisfies Record<string, (...args: never[]) => EndpointRequest<z.ZodType>>;

/** Runs one endpoint request through the client, keeping the answer's request id and fetch time. */
export async function answerOf<S extends z.ZodType>(
  request: EndpointRequest<S> | (() => EndpointRequest<S>),
  opts: CallOptions = {},
): Promise<UpstreamAnswer<z.output<S>>> {
  // Built inside the promise so an unsafe id rejects rather than throws.
  const r = typeof request === "function" ? request() : request;
  const { client, ...getOpts } = opts;
  return (client ?? upstream()).get(r.path, r.query, r.schema, getOpts);
}

async function bodyOf<S extends z.ZodType>(request: () => EndpointRequest<S>, opts: CallOptions): Promise<z.output<S>> {
  return (await answerOf(request, opts)).data;
}

export const listOrganizations = (q: PageQuery = {}, opts: CallOptions = {}): Promise<Page<Organization>> =>
  bodyOf(() => requests.organizations(q), opts);

export const listOrganizationUsers = (orgUuid: string, q: PageQuery = {}, opts: CallOptions = {}): Promise<Page<User>> =>
  bodyOf(() => requests.organizationUsers(orgUuid, q), opts);

export const listRoles = (orgUuid: string, q: PageQuery = {}, opts: CallOptions = {}): Promise<Page<Role>> =>
  bodyOf(() => requests.roles(orgUuid, q), opts);

export const getRole = (orgUuid: string, roleId: string, opts: CallOptions = {}): Promise<Role> =>
  bodyOf(() => requests.role(orgUuid, roleId), opts);

export const listRolePermissions = (orgUuid: string, roleId: string, q: PageQuery = {}, opts: CallOptions = {}): Promise<Page<Permission>> =>
  bodyOf(() => requests.rolePermissions(orgUuid, roleId, q), opts);

export const listGroups = (q: GroupsQuery = {}, opts: CallOptions = {}): Promise<Page<Group>> => bodyOf(() => requests.groups(q), opts);

export const getGroup = (groupId: string, opts: CallOptions = {}): Promise<Group> => bodyOf(() => requests.group(groupId), opts);

export const listGroupMembers = (groupId: string, q: PageQuery = {}, opts: CallOptions = {}): Promise<Page<GroupMember>> =>
  bodyOf(() => requests.groupMembers(groupId, q), opts);

export const getOrganizationSettings = (organizationId: string, opts: CallOptions = {}): Promise<EffectiveSettings> =>
  bodyOf(() => requests.organizationSettings(organizationId), opts);
