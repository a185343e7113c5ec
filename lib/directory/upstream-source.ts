import "server-only";
import type { UpstreamClient } from "@/lib/upstream/client";
import { getOrganizationSettings } from "@/lib/upstream/endpoints";
import {
  walkGroupMembers,
  walkGroups,
  walkOrganizations,
  walkOrganizationUsers,
  walkRolePermissions,
  walkRoles,
  type WalkerOptions,
} from "@/lib/upstream/walk";
import type { DirectorySource, SourceOptions } from "./source";

/**
 * The directory's walks through the upstream client (limit=1000, the client's cache, single-flight
 * and limiter). Without a client, the process-wide one; tests pass a client aimed at their simulator.
 */
export function upstreamDirectorySource(client?: UpstreamClient): DirectorySource {
  const walker = (o: SourceOptions): WalkerOptions => ({
    client,
    signal: o.signal,
    priority: o.priority ?? "bulk",
    fresh: o.fresh,
    onSent: o.onSent,
  });
  return {
    organizations: (o) => walkOrganizations(walker(o)),
    organizationUsers: (orgUuid, o) => walkOrganizationUsers(orgUuid, walker(o)),
    roles: (orgUuid, o) => walkRoles(orgUuid, walker(o)),
    groups: (o) => walkGroups(walker(o)),
    groupMembers: (groupId, o) => walkGroupMembers(groupId, walker(o)),
    rolePermissions: (orgUuid, roleId, o) => walkRolePermissions(orgUuid, roleId, walker(o)),
    organizationSettings: (orgUuid, o) =>
      getOrganizationSettings(orgUuid, { client, signal: o.signal, priority: o.priority ?? "bulk", fresh: o.fresh, onSent: o.onSent }),
  };
}
