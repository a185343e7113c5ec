import { z } from "zod";
import { effectiveSettingsSchema, groupSchema, roleSchema, settingSchema } from "@/lib/shared/compliance/schemas";
import { memberRowSchema } from "@/lib/shared/groups/member-directory";

/*
 * The whole-tree answers of pages that would otherwise ask one question per organization, each read
 * from one complete sync (the newest, or the one `as_of` names):
 *   GET /api/directory/overview  the Overview's table: without it the page asked three questions per
 *                                organization (settings, roles, every user page), over 600 requests
 *                                at 200 organizations before the counts were whole;
 *   GET /api/directory/settings  every organization's effective settings, for the comparison (one
 *                                request per organization before);
 *   GET /api/directory/roles     every organization's roles, which name the roles groups grant (one
 *                                request per organization before);
 *   GET /api/directory/group-sizes  every group's member count (one walk per group before);
 *   GET /api/directory/group-members/{id}  a group's members with names and organizations (the page
 *                                walked every organization's users to join them: 200,000 rows).
 * Before the first sync completes there is nothing to read them from, and the answer says so
 * (`source: "live"`): the page then asks organization by organization through the live routes.
 */

/** Shown where a sync holds no settings for an organization (a store older than settings, or a read that failed). */
export const NO_SETTINGS_MESSAGE = "The sync holds no settings for this organization. Start a sync to read them.";

const syncRefSchema = z.object({ id: z.string(), finishedAt: z.string() });
const liveAnswerSchema = z.object({ source: z.literal("live"), message: z.string() });

/** What a whole-tree route answers before the first sync completes. */
export const LIVE_ANSWER: z.infer<typeof liveAnswerSchema> = {
  source: "live",
  message: "No sync has completed yet: the page asks the upstream organization by organization.",
};

/** The settings the Overview's badges summarise; the answer carries these, not every setting. */
export const OVERVIEW_SETTINGS = {
  sso: "sso_claude_ai_enforced",
  provisioning: "sso_provisioning_mode",
  retention: "data_retention_periods",
} as const;

export const overviewOrganizationSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  created_at: z.string(),
  /** The organization's user list: one row per person in it. */
  users: z.number().int().nonnegative(),
  roles: z.number().int().nonnegative(),
  /** Groups holding at least one of this organization's roles (groups are parent-wide). */
  groups: z.number().int().nonnegative(),
  /** Of OVERVIEW_SETTINGS, those the organization reports; null when the sync holds no settings for it. */
  settings: z.array(settingSchema).nullable(),
});

export const storedOverviewSchema = z.object({
  source: z.literal("store"),
  sync: syncRefSchema.nullable(),
  /** Distinct user ids listed by at least one organization (group-only members are not users of any). */
  uniqueUsers: z.number().int().nonnegative(),
  /** Organization user rows: one person in three organizations counts three. */
  memberships: z.number().int().nonnegative(),
  groups: z.number().int().nonnegative(),
  /** In the upstream's order. */
  organizations: z.array(overviewOrganizationSchema),
});
export type StoredOverview = z.infer<typeof storedOverviewSchema>;

export const organizationOverviewSchema = z.discriminatedUnion("source", [storedOverviewSchema, liveAnswerSchema]);
export type OrganizationOverview = z.infer<typeof organizationOverviewSchema>;

export const storedSettingsSchema = z.object({
  source: z.literal("store"),
  sync: syncRefSchema.nullable(),
  /** In the upstream's order; `settings` null when the sync holds none for the organization. */
  organizations: z.array(z.object({ uuid: z.string(), name: z.string(), settings: effectiveSettingsSchema.nullable() })),
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export const organizationsSettingsSchema = z.discriminatedUnion("source", [storedSettingsSchema, liveAnswerSchema]);

export const storedRolesSchema = z.object({
  source: z.literal("store"),
  sync: syncRefSchema.nullable(),
  /** In the upstream's order, each with its roles in theirs. */
  organizations: z.array(z.object({ uuid: z.string(), name: z.string(), created_at: z.string(), roles: z.array(roleSchema) })),
});
export type StoredRoles = z.infer<typeof storedRolesSchema>;
export const organizationsRolesSchema = z.discriminatedUnion("source", [storedRolesSchema, liveAnswerSchema]);

export const storedGroupSizesSchema = z.object({
  source: z.literal("store"),
  sync: syncRefSchema.nullable(),
  /** [group id, its members counted once each], in the groups list's order (pairs, not an object: an id is never a property name). */
  members: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
});
export const groupSizesSchema = z.discriminatedUnion("source", [storedGroupSizesSchema, liveAnswerSchema]);

export const storedGroupMembersSchema = z.object({
  source: z.literal("store"),
  sync: syncRefSchema.nullable(),
  group: groupSchema,
  /** In the members list's order; a member no organization lists has no fullName and no memberships. */
  members: z.array(memberRowSchema),
});
export type StoredGroupMembers = z.infer<typeof storedGroupMembersSchema>;
export const groupMembersJoinedSchema = z.discriminatedUnion("source", [storedGroupMembersSchema, liveAnswerSchema]);
