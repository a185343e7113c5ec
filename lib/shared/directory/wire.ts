import { z } from "zod";
import { appErrorBodySchema, permissionSchema } from "@/lib/shared/compliance/schemas";
import { countsSchema } from "@/lib/shared/counts-schema";

/*
 * What the /api/directory routes send, as schemas shared by the route (which builds these shapes)
 * and the People pages (which parse them before rendering). No server imports: the browser loads it.
 *
 * GET /api/directory/people streams NDJSON, one object per line:
 *   {"type":"progress", ...DirectoryProgress}     while the snapshot is being walked (may repeat)
 *   {"type":"catalog", organizations, groups, roles, actions}  names for the ids and codes the rows carry
 *   {"type":"people", rows:[PersonRow...]}         in chunks
 *   {"type":"done", builtAt, counts, sync?}        the list is complete only once this arrives (sync: its id)
 *   {"type":"error", error:{type,message,request_id?}}  instead of done: discard what came before
 */

export const progressLineSchema = z.object({
  type: z.literal("progress"),
  /** listing: the organization and group lists; walking: users, roles and members per org and group. */
  phase: z.enum(["listing", "walking", "done"]),
  startedAt: z.number(),
  organizationsTotal: z.number().nullable(),
  organizationsDone: z.number(),
  /** Organization user rows read so far (memberships, not distinct people). */
  usersSoFar: z.number(),
  groupsTotal: z.number().nullable(),
  groupsDone: z.number(),
  pages: z.number(),
});
export type ProgressLine = z.infer<typeof progressLineSchema>;

export const catalogOrganizationSchema = z.object({ uuid: z.string(), name: z.string(), created_at: z.string() });
export const catalogGroupSchema = z.object({ id: z.string(), name: z.string(), source_type: z.string() });
/** An RBAC role; `actions` index the catalog's actions (what its permissions allow). */
export const catalogRoleSchema = z.object({ id: z.string(), name: z.string(), organization_uuid: z.string(), actions: z.array(z.number().int().nonnegative()) });
export const catalogLineSchema = z.object({
  type: z.literal("catalog"),
  organizations: z.array(catalogOrganizationSchema),
  groups: z.array(catalogGroupSchema),
  /** Every RBAC role; rows name them by position. */
  roles: z.array(catalogRoleSchema).default([]),
  /** Every permission action (`chats:export`), sorted; rows and roles name them by position. */
  actions: z.array(z.string()).default([]),
});
export type CatalogLine = z.infer<typeof catalogLineSchema>;

export const personRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  memberships: z.array(
    z.object({ organization_uuid: z.string(), organization_role: z.string(), joined_at: z.string() }),
  ),
  group_ids: z.array(z.string()),
  /** [catalog group index, catalog role index]: each group → role path giving this person a role. */
  grants: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).default([]),
  /** Catalog role indexes this person holds through groups, each once. */
  roles: z.array(z.number().int().nonnegative()).default([]),
  /** Catalog action indexes those roles' permissions allow, each once. */
  actions: z.array(z.number().int().nonnegative()).default([]),
});
export type PersonRow = z.infer<typeof personRowSchema>;

export const peopleLineSchema = z.object({ type: z.literal("people"), rows: z.array(personRowSchema) });

export const directoryCountsSchema = countsSchema([
  "organizations",
  /** Distinct `user_...` ids, in organizations or groups. */
  "people",
  /** Organization user rows: one person in three organizations counts three. */
  "memberships",
  "groups",
  "groupMemberships",
  "roles",
  /** Group members that no organization lists: access held by someone outside every org. */
  "peopleOutsideOrganizations",
]);
export type DirectoryCountsWire = z.infer<typeof directoryCountsSchema>;

export const doneLineSchema = z.object({ type: z.literal("done"), builtAt: z.number(), counts: directoryCountsSchema, sync: z.string().optional() });

export const errorLineSchema = z.object({
  type: z.literal("error"),
  error: appErrorBodySchema.shape.error,
});
export type ErrorLine = z.infer<typeof errorLineSchema>;

export const peopleStreamLineSchema = z.discriminatedUnion("type", [
  progressLineSchema,
  catalogLineSchema,
  peopleLineSchema,
  doneLineSchema,
  errorLineSchema,
]);
export type PeopleStreamLine = z.infer<typeof peopleStreamLineSchema>;

/** GET /api/directory/summary */
export const directorySummarySchema = z.object({ builtAt: z.number(), counts: directoryCountsSchema });
export type DirectorySummary = z.infer<typeof directorySummarySchema>;

const orgRefSchema = z.object({ uuid: z.string(), name: z.string() });
const groupRefSchema = z.object({ id: z.string(), name: z.string() });
const roleRefSchema = z.object({ id: z.string(), name: z.string() });

/** GET /api/directory/people/{userId}: where this person's access comes from. */
export const personDetailSchema = z.object({
  builtAt: z.number(),
  person: z.object({ id: z.string(), email: z.string(), full_name: z.string() }),
  /** Direct: the organizations that list this person, with the organization role each gives. */
  organizations: z.array(
    orgRefSchema.extend({
      organization_role: z.string(),
      joined_at: z.string(),
      email: z.string(),
      full_name: z.string(),
    }),
  ),
  groups: z.array(
    groupRefSchema.extend({
      description: z.string().nullable(),
      source_type: z.string(),
      member_since: z.string().nullable(),
      role_ids: z.array(z.string()),
      /** Role ids the group names that no organization lists (deleted, or outside the tree). */
      unknown_role_ids: z.array(z.string()),
    }),
  ),
  /** Via group: the RBAC roles this person's groups grant. */
  roles: z.array(
    roleRefSchema.extend({
      description: z.string().nullable(),
      organization: orgRefSchema,
      via_groups: z.array(groupRefSchema),
      /** null when they could not be loaded; then `permissions_error` says why. */
      permissions: z.array(permissionSchema).nullable(),
      permissions_error: errorLineSchema.shape.error.nullable(),
    }),
  ),
  /** Each distinct permission once, with every group → role path that grants it. */
  permissions: z.array(
    z.object({
      action: z.string(),
      resource_type: z.string(),
      resource_id: z.string().nullable(),
      paths: z.array(z.object({ group: groupRefSchema, role: roleRefSchema, organization: orgRefSchema })),
    }),
  ),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

/** GET /api/directory/people/{userId} with `accept: application/x-ndjson`. */
export const personStreamLineSchema = z.discriminatedUnion("type", [
  progressLineSchema,
  z.object({ type: z.literal("person"), person: personDetailSchema }),
  errorLineSchema,
]);
export type PersonStreamLine = z.infer<typeof personStreamLineSchema>;
