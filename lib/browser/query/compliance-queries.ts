import { hashKey, queryOptions } from "@tanstack/react-query";
import {
  endpointPath,
  recordSchemaOf,
  type EndpointName,
  type EndpointRef,
  type ListEndpoint,
  type ListRequest,
  type RecordEndpoint,
} from "@/lib/shared/compliance/endpoints";
import { viewAsOfParams } from "./as-of";
import { complianceKeys } from "./keys";
import { fetchJson } from "./request";
import { takeFreshFlag } from "./refresh";
import { walkQueryOptions } from "./walk-query";

/*
 * Every resource the browser reads: its key (lib/browser/query/keys.ts), and its endpoint in the one table
 * (lib/shared/compliance/endpoints.ts), which gives the app route and the schema, so a key never drifts
 * from what it holds. Lists are whole lists (walked at limit=1000);
 * single records are plain queries. Pages import these, never build keys or paths themselves.
 * They read the store-backed /api/directory routes (the newest complete sync, or the page's
 * `as_of`, lib/browser/query/as-of.ts), never the live proxy: each key ends with the as_of it was read at.
 */

const BASE = "/api/directory";

const directoryPath = <N extends EndpointName>(ref: EndpointRef<N>) => `${BASE}/${endpointPath(ref)}`;

/** A single record: one GET, parsed with its schema. */
function recordQuery<N extends RecordEndpoint>(queryKey: readonly unknown[], ref: EndpointRef<N>) {
  const params = viewAsOfParams();
  const schema = recordSchemaOf(ref.endpoint);
  return queryOptions({
    queryKey,
    queryFn: ({ signal, queryKey: key }) => fetchJson(directoryPath(ref), schema, { signal, fresh: takeFreshFlag(hashKey(key)), query: params }),
  });
}

/** A whole list read at the page's as_of. */
function walk<N extends ListEndpoint>(queryKey: readonly unknown[], request: ListRequest<N>) {
  return walkQueryOptions({ queryKey, request, path: directoryPath(request as EndpointRef<N>), params: viewAsOfParams() });
}

/** Every organization under the parent (paginated today; the older unpaginated answer also works). */
export const organizationsQuery = () => walk(complianceKeys.organizations(), { endpoint: "organizations" });

/** Every user of one organization. */
export const organizationUsersQuery = (orgUuid: string) => walk(complianceKeys.organizationUsers(orgUuid), { endpoint: "organizationUsers", orgUuid });

/** Every RBAC role of one organization. */
export const organizationRolesQuery = (orgUuid: string) => walk(complianceKeys.organizationRoles(orgUuid), { endpoint: "roles", orgUuid });

export const roleQuery = (orgUuid: string, roleId: string) => recordQuery(complianceKeys.role(orgUuid, roleId), { endpoint: "role", orgUuid, roleId });

/** Every permission a role carries (permissions have no id, so nothing is de-duplicated). */
export const rolePermissionsQuery = (orgUuid: string, roleId: string) =>
  walk(complianceKeys.rolePermissions(orgUuid, roleId), { endpoint: "rolePermissions", orgUuid, roleId });

export const organizationSettingsQuery = (orgUuid: string) =>
  recordQuery(complianceKeys.organizationSettings(orgUuid), { endpoint: "organizationSettings", orgUuid });

/** Every group of the parent (groups are parent-wide), optionally those whose name starts with a prefix. */
export const groupsQuery = (namePrefix?: string) =>
  walk(complianceKeys.groups(namePrefix), { endpoint: "groups", query: namePrefix ? { name_prefix: namePrefix } : {} });

export const groupQuery = (groupId: string) => recordQuery(complianceKeys.group(groupId), { endpoint: "group", groupId });

/** Every member of one group (membership records: user id and email, no name). */
export const groupMembersQuery = (groupId: string) => walk(complianceKeys.groupMembers(groupId), { endpoint: "groupMembers", groupId });
