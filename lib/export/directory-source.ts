import "server-only";
import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "@/lib/compliance/schemas";
import type { UpstreamClient } from "@/lib/upstream/client";
import { getOrganizationSettings } from "@/lib/upstream/endpoints";
import { walkGroupMembers, walkGroups, walkOrganizationUsers, walkOrganizations, walkRolePermissions, walkRoles } from "@/lib/upstream/walk";

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
    organizationPages: (signal) => walkOrganizations(bulk(signal)),
    userPages: (orgUuid, signal) => walkOrganizationUsers(orgUuid, bulk(signal)),
    rolePages: (orgUuid, signal) => walkRoles(orgUuid, bulk(signal)),
    permissionPages: (orgUuid, roleId, signal) => walkRolePermissions(orgUuid, roleId, bulk(signal)),
    groupPages: (signal) => walkGroups(bulk(signal)),
    memberPages: (groupId, signal) => walkGroupMembers(groupId, bulk(signal)),
    organizationSettings: (orgUuid, signal) => getOrganizationSettings(orgUuid, bulk(signal)),
  };
}
