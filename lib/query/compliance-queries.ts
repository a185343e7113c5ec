import { hashKey, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import {
  effectiveSettingsSchema,
  groupMemberSchema,
  groupSchema,
  organizationSchema,
  permissionSchema,
  roleSchema,
  userSchema,
} from "@/lib/compliance/schemas";
import { AS_OF_PARAM, viewAsOf } from "./as-of";
import { fetchJson, type QueryParams } from "./fetch-json";
import { takeFreshFlag } from "./refresh";
import { walkQueryOptions, type WalkSpec } from "./walk-query";

/*
 * Every resource the browser reads, defined once: the key, the app route and the schema travel
 * together so a key never drifts from what it holds. Lists are whole lists (walked at limit=1000);
 * single records are plain queries. Pages import these, never build keys or paths themselves.
 * They read the store-backed /api/directory routes (the newest complete sync, or the page's
 * `as_of`, lib/query/as-of.ts), never the live proxy: each key ends with the as_of it was read at.
 */

const enc = encodeURIComponent;
const BASE = "/api/directory";

/** The page's as_of as a key suffix and as a query parameter. */
function asOfParts(): { suffix: readonly unknown[]; params: QueryParams | undefined } {
  const asOf = viewAsOf();
  return asOf ? { suffix: [{ [AS_OF_PARAM]: asOf }], params: { [AS_OF_PARAM]: asOf } } : { suffix: [], params: undefined };
}

const at = <K extends readonly unknown[]>(key: K) => [...key, ...asOfParts().suffix] as const;

export const complianceKeys = {
  organizations: () => at(["compliance", "organizations"] as const),
  organization: (orgUuid: string) => at(["compliance", "organizations", orgUuid] as const),
  organizationUsers: (orgUuid: string) => at(["compliance", "organizations", orgUuid, "users"] as const),
  organizationRoles: (orgUuid: string) => at(["compliance", "organizations", orgUuid, "roles"] as const),
  role: (orgUuid: string, roleId: string) => at(["compliance", "organizations", orgUuid, "roles", roleId] as const),
  rolePermissions: (orgUuid: string, roleId: string) => at(["compliance", "organizations", orgUuid, "roles", roleId, "permissions"] as const),
  organizationSettings: (orgUuid: string) => at(["compliance", "organizations", orgUuid, "settings"] as const),
  groups: (namePrefix?: string) => at(namePrefix ? (["compliance", "groups", { namePrefix }] as const) : (["compliance", "groups"] as const)),
  group: (groupId: string) => at(["compliance", "groups", "detail", groupId] as const),
  groupMembers: (groupId: string) => at(["compliance", "groups", "detail", groupId, "members"] as const),
};

/** Every directory query, whatever as_of it was read at. */
export const allComplianceKey = ["compliance"] as const;

/** A single record: one GET, parsed with its schema. */
function recordQuery<S extends z.ZodType>(queryKey: readonly unknown[], path: string, schema: S) {
  const { params } = asOfParts();
  return queryOptions({
    queryKey,
    queryFn: ({ signal, queryKey: key }) => fetchJson(path, schema, { signal, fresh: takeFreshFlag(hashKey(key)), query: params }),
  });
}

/** A whole list read at the page's as_of. */
function walk<S extends z.ZodType>(spec: WalkSpec<S>) {
  const { params } = asOfParts();
  return walkQueryOptions({ ...spec, params: params ? { ...spec.params, ...params } : spec.params });
}

/** Every organization under the parent (paginated today; the older unpaginated answer also works). */
export const organizationsQuery = () =>
  walk({ queryKey: complianceKeys.organizations(), path: `${BASE}/organizations`, item: organizationSchema, idOf: (o) => o.uuid, limit: null });

/** Every user of one organization. */
export const organizationUsersQuery = (orgUuid: string) =>
  walk({ queryKey: complianceKeys.organizationUsers(orgUuid), path: `${BASE}/organizations/${enc(orgUuid)}/users`, item: userSchema, idOf: (u) => u.id });

/** Every RBAC role of one organization. */
export const organizationRolesQuery = (orgUuid: string) =>
  walk({ queryKey: complianceKeys.organizationRoles(orgUuid), path: `${BASE}/organizations/${enc(orgUuid)}/roles`, item: roleSchema, idOf: (r) => r.id });

export const roleQuery = (orgUuid: string, roleId: string) =>
  recordQuery(complianceKeys.role(orgUuid, roleId), `${BASE}/organizations/${enc(orgUuid)}/roles/${enc(roleId)}`, roleSchema);

/** Every permission a role carries (permissions have no id, so nothing is de-duplicated). */
export const rolePermissionsQuery = (orgUuid: string, roleId: string) =>
  walk({
    queryKey: complianceKeys.rolePermissions(orgUuid, roleId),
    path: `${BASE}/organizations/${enc(orgUuid)}/roles/${enc(roleId)}/permissions`,
    item: permissionSchema,
  });

export const organizationSettingsQuery = (orgUuid: string) =>
  recordQuery(complianceKeys.organizationSettings(orgUuid), `${BASE}/organizations/${enc(orgUuid)}/settings`, effectiveSettingsSchema);

/** Every group of the parent (groups are parent-wide), optionally those whose name starts with a prefix. */
export const groupsQuery = (namePrefix?: string) =>
  walk({
    queryKey: complianceKeys.groups(namePrefix),
    path: `${BASE}/groups`,
    item: groupSchema,
    params: namePrefix ? { name_prefix: namePrefix } : undefined,
    idOf: (g) => g.id,
  });

export const groupQuery = (groupId: string) => recordQuery(complianceKeys.group(groupId), `${BASE}/groups/${enc(groupId)}`, groupSchema);

/** Every member of one group (membership records: user id and email, no name). */
export const groupMembersQuery = (groupId: string) =>
  walk({ queryKey: complianceKeys.groupMembers(groupId), path: `${BASE}/groups/${enc(groupId)}/members`, item: groupMemberSchema, idOf: (m) => m.user_id });
