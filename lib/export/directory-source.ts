import "server-only";
import type { Organization, User } from "@/lib/compliance/schemas";
import type { UpstreamClient } from "@/lib/upstream/client";
import { walkOrganizationUsers, walkOrganizations } from "@/lib/upstream/walk";

/*
 * Where an export reads the directory from, page by page. The default walks the upstream through
 * the process-wide client at bulk priority (officers' page loads go first); tests and benchmarks
 * pass their own client (e.g. against a simulator).
 */
export interface DirectorySource {
  organizationPages(signal: AbortSignal): AsyncIterable<Organization[]>;
  userPages(orgUuid: string, signal: AbortSignal): AsyncIterable<User[]>;
}

export function upstreamDirectory(client?: UpstreamClient): DirectorySource {
  return {
    organizationPages: (signal) => walkOrganizations({ client, signal, priority: "bulk" }),
    userPages: (orgUuid, signal) => walkOrganizationUsers(orgUuid, { client, signal, priority: "bulk" }),
  };
}
