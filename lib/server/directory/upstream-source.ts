import "server-only";
import type { UpstreamClient } from "@/lib/server/upstream/client";
import { bodyOf } from "@/lib/server/upstream/endpoints";
import { walkList, type WalkerOptions } from "@/lib/server/upstream/walk";
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
    keep: o.keep,
    onSent: o.onSent,
  });
  return {
    organizations: (o) => walkList({ endpoint: "organizations" }, walker(o)),
    organizationUsers: (orgUuid, o) => walkList({ endpoint: "organizationUsers", orgUuid }, walker(o)),
    roles: (orgUuid, o) => walkList({ endpoint: "roles", orgUuid }, walker(o)),
    groups: (o) => walkList({ endpoint: "groups" }, walker(o)),
    groupMembers: (groupId, o) => walkList({ endpoint: "groupMembers", groupId }, walker(o)),
    rolePermissions: (orgUuid, roleId, o) => walkList({ endpoint: "rolePermissions", orgUuid, roleId }, walker(o)),
    organizationSettings: (orgUuid, o) => bodyOf({ endpoint: "organizationSettings", orgUuid, query: {} }, walker(o)),
  };
}
