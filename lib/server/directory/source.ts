import "server-only";
import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "@/lib/shared/compliance/schemas";
import type { Priority } from "@/lib/server/throttle/limiter";

/*
 * What the snapshot needs from the upstream, as whole walks. The builder is written against this
 * seam, not the client, so it reads as the join it is; `upstream-source.ts` supplies it from the
 * upstream client and its walker (every call through the one choke point).
 */

export interface SourceOptions {
  signal?: AbortSignal;
  priority?: Priority;
  /** Bypass fresh cached pages (the officer asked for a refresh). */
  fresh?: boolean;
  /** False: what is read only refreshes pages the upstream cache holds already (a sync keeps it in the store). */
  keep?: boolean;
  /** Called for every request sent upstream on this walk's behalf, retries included. */
  onSent?: () => void;
}

/** An async sequence of pages, each an array of records, as the walker yields them. */
export type PageStream<T> = AsyncIterable<T[]>;

export interface DirectorySource {
  organizations(opts: SourceOptions): PageStream<Organization>;
  organizationUsers(orgUuid: string, opts: SourceOptions): PageStream<User>;
  roles(orgUuid: string, opts: SourceOptions): PageStream<Role>;
  groups(opts: SourceOptions): PageStream<Group>;
  groupMembers(groupId: string, opts: SourceOptions): PageStream<GroupMember>;
  rolePermissions(orgUuid: string, roleId: string, opts: SourceOptions): PageStream<Permission>;
  organizationSettings(orgUuid: string, opts: SourceOptions): Promise<EffectiveSettings>;
}
