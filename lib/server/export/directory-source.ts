import "server-only";
import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "@/lib/shared/compliance/schemas";
import type { UpstreamClient } from "@/lib/server/upstream/client";
import { bodyOf } from "@/lib/server/upstream/endpoints";
import { walkList } from "@/lib/server/upstream/walk";

/*
 * Where an export reads the directory from, page by page. The default walks the upstream through
 * the process-wide client at bulk priority (officers' page loads go first); tests and benchmarks
 * pass their own client (e.g. against a simulator).
 */
export interface DirectorySource {
  organizationPages(signal: AbortSignal): AsyncIterable<Organization[]>;
  userPages(orgUuid: string, signal: AbortSignal): AsyncIterable<User[]>;
}

/** What the roles, groups and settings exports read besides organizations and users. */
export interface FullDirectorySource extends DirectorySource {
  rolePages(orgUuid: string, signal: AbortSignal): AsyncIterable<Role[]>;
  permissionPages(orgUuid: string, roleId: string, signal: AbortSignal): AsyncIterable<Permission[]>;
  groupPages(signal: AbortSignal): AsyncIterable<Group[]>;
  memberPages(groupId: string, signal: AbortSignal): AsyncIterable<GroupMember[]>;
  organizationSettings(orgUuid: string, signal: AbortSignal): Promise<EffectiveSettings>;
}

export function upstreamDirectory(client?: UpstreamClient): FullDirectorySource {
  const bulk = (signal: AbortSignal) => ({ client, signal, priority: "bulk" as const });
  return {
    organizationPages: (signal) => walkList({ endpoint: "organizations" }, bulk(signal)),
    userPages: (orgUuid, signal) => walkList({ endpoint: "organizationUsers", orgUuid }, bulk(signal)),
    rolePages: (orgUuid, signal) => walkList({ endpoint: "roles", orgUuid }, bulk(signal)),
    permissionPages: (orgUuid, roleId, signal) => walkList({ endpoint: "rolePermissions", orgUuid, roleId }, bulk(signal)),
    groupPages: (signal) => walkList({ endpoint: "groups" }, bulk(signal)),
    memberPages: (groupId, signal) => walkList({ endpoint: "groupMembers", groupId }, bulk(signal)),
    organizationSettings: (orgUuid, signal) => bodyOf({ endpoint: "organizationSettings", orgUuid, query: {} }, bulk(signal)),
  };
}
