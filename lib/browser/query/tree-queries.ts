import { hashKey, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import {
  groupMembersJoinedSchema,
  groupSizesSchema,
  organizationOverviewSchema,
  organizationsRolesSchema,
  organizationsSettingsSchema,
} from "@/lib/shared/directory/tree-wire";
import { viewAsOfParams } from "./as-of";
import { directoryKeys } from "./keys";
import { takeFreshFlag } from "./refresh";
import { fetchJson } from "./request";
import { WALK_STALE_MS } from "./walk-query";

/*
 * The whole-tree routes (lib/shared/directory/tree-wire.ts) at the page's as_of: one request where a
 * page would otherwise ask one per organization. Not retried on their own: a failure is shown with
 * its Retry.
 */

function treeQuery<S extends z.ZodType>(queryKey: readonly unknown[], path: string, schema: S) {
  const asOf = viewAsOfParams();
  return queryOptions({
    queryKey,
    queryFn: ({ signal, queryKey: key }): Promise<z.output<S>> => fetchJson(path, schema, { signal, fresh: takeFreshFlag(hashKey(key)), query: asOf }),
    staleTime: WALK_STALE_MS,
    retry: false,
  });
}

/** The Overview's table and totals. */
export const organizationOverviewQuery = () => treeQuery(directoryKeys.overview(), "/api/directory/overview", organizationOverviewSchema);

/** Every organization's effective settings. */
export const organizationsSettingsQuery = () => treeQuery(directoryKeys.settings(), "/api/directory/settings", organizationsSettingsSchema);

/** Every organization's roles (to name the roles groups grant). */
export const organizationsRolesQuery = () => treeQuery(directoryKeys.roles(), "/api/directory/roles", organizationsRolesSchema);

/** Every group's member count. */
export const groupSizesQuery = () => treeQuery(directoryKeys.groupSizes(), "/api/directory/group-sizes", groupSizesSchema);

/** One group with its members joined to names and organizations. */
export const groupMembersJoinedQuery = (groupId: string) =>
  treeQuery(directoryKeys.groupMembers(groupId), `/api/directory/group-members/${encodeURIComponent(groupId)}`, groupMembersJoinedSchema);
