import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, User } from "@/lib/shared/compliance/schemas";
import type { DirectoryCountsWire, ProgressLine } from "./wire";

/*
 * The whole directory as one joined snapshot: every organization, every person across them, every
 * group with its members, every role with its organization. The upstream has no such view (users
 * are listed per organization, groups parent-wide without an organization, members without names),
 * so the product builds it by walking everything once and joining here.
 */

/** A person's place in one organization: the upstream User record as that organization lists it. */
export interface Membership {
  organization: Organization;
  /** `organization_role` as this organization lists it; distinct from RBAC roles. */
  organizationRole: string;
  /** When the person joined this organization. */
  joinedAt: string;
  user: User;
}

export interface GroupMembership {
  group: Group;
  member: GroupMember;
}

/** One `user_...` id, wherever it appears. */
export interface Person {
  id: string;
  /** As the first organization (or, for someone in no organization, the first group) lists it. */
  email: string;
  /** Empty for someone seen only as a group member: members carry no name. */
  fullName: string;
  memberships: Membership[];
  groups: GroupMembership[];
}

export interface DirectoryRole {
  role: Role;
  organization: Organization;
}

export interface DirectoryGroup {
  group: Group;
  members: GroupMember[];
}

/** A directory's counts: the shape the routes send (`directoryCountsSchema`, lib/shared/directory/wire.ts). */
export type DirectoryCounts = DirectoryCountsWire;

export interface Directory {
  /** Epoch ms when the walk that built this snapshot finished. */
  builtAt: number;
  /** Epoch ms when that walk started: nothing in the snapshot is older than this. */
  startedAt: number;
  organizations: Organization[];
  organizationsByUuid: Map<string, Organization>;
  /** In first-seen order: organizations by creation, users by join date, then group-only members. */
  people: Person[];
  peopleById: Map<string, Person>;
  /** Lowercase, trimmed email -> the people with it (normally one). */
  peopleByEmail: Map<string, Person[]>;
  groups: DirectoryGroup[];
  groupsById: Map<string, DirectoryGroup>;
  /** RBAC role id -> the role and its organization. Role ids are unique across the tree. */
  rolesById: Map<string, DirectoryRole>;
  rolesByOrganization: Map<string, Role[]>;
  /** Group id -> the roles it grants (unknown role ids are kept apart in `unknownRoleIds`). */
  groupRoles: Map<string, DirectoryRole[]>;
  /** Group id -> role ids in its `roles` array that no organization lists (deleted or out of tree). */
  unknownRoleIds: Map<string, string[]>;
  counts: DirectoryCounts;
  /** Upstream pages the walk read (each one request, or a fresh cached page). */
  pages: number;
  /** The sync this directory is (set when it was read from the store). */
  sync?: DirectorySyncRef;
  /** `org/role` -> every permission of that role, as the sync read them. */
  permissionsByRole?: Map<string, Permission[]>;
  /** Organization uuid -> its effective settings, as the sync read them. */
  settingsByOrganization?: Map<string, EffectiveSettings>;
}

/** Which sync a directory is: its id to quote, its order, and when it was read. */
export interface DirectorySyncRef {
  id: string;
  seq: number;
  startedAt: string;
  finishedAt: string;
}

/** What a build has done so far: a progress line of the people stream without its `type` (`progressLineSchema`). */
export type DirectoryProgress = Omit<ProgressLine, "type">;
