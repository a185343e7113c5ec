import { z } from "zod";

/*
 * One difference between two complete syncs, as CONTRACT.md's `Change` ("The durable directory"):
 * the kind, the ids it is about, and the record before and after. Isomorphic: the repository
 * (lib/server/store/changes.ts) answers it, the Changes page parses it with the same schema.
 */

/** CONTRACT.md's kinds, in the order changes are listed (organizations, members, roles, ...). */
export const CHANGE_KINDS = [
  "organization_added",
  "organization_removed",
  "organization_changed",
  "member_joined",
  "member_left",
  "member_changed",
  "role_added",
  "role_removed",
  "role_changed",
  "permission_added",
  "permission_removed",
  "group_added",
  "group_removed",
  "group_changed",
  "group_role_granted",
  "group_role_revoked",
  "group_member_added",
  "group_member_removed",
  "setting_changed",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const isChangeKind = (s: string): s is ChangeKind => (CHANGE_KINDS as readonly string[]).includes(s);

export const changeSchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  organization_uuid: z.string().optional(),
  user_id: z.string().optional(),
  role_id: z.string().optional(),
  group_id: z.string().optional(),
  setting: z.string().optional(),
  before: z.unknown(),
  after: z.unknown(),
});
export type Change = z.infer<typeof changeSchema>;

export const CHANGES_DEFAULT_LIMIT = 1000;
export const CHANGES_MAX_LIMIT = 5000;

export type ChangeCounts = Partial<Record<ChangeKind, number>>;

/** Names of what changes refer to, as they stood at `to` (or `from` when gone); a group's roles at `to`. */
export const changeLabelsSchema = z.object({
  organizations: z.record(z.string(), z.string()),
  groups: z.record(z.string(), z.object({ name: z.string(), roles: z.array(z.string()) })),
  roles: z.record(z.string(), z.object({ name: z.string(), organization_uuid: z.string() })),
});
export type ChangeLabels = z.infer<typeof changeLabelsSchema>;
