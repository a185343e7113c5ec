import { z } from "zod";

/*
 * The upstream's records, as API.md describes them. These schemas are the only source of the
 * record types: every upstream body is parsed through them at the client boundary.
 * Every object is loose (unknown fields kept) because any record may gain fields in a later
 * API revision, and officers must see what the upstream sent, not what we knew of.
 */

/** ISO timestamp; upstream sometimes omits the UTC offset (`2025-03-12T18:22:41.123456`). */
export const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/, "not an ISO 8601 timestamp");

export const ORGANIZATION_ROLES = [
  "admin",
  "billing",
  "claude_code_user",
  "developer",
  "managed",
  "membership_admin",
  "owner",
  "primary_owner",
  "user",
] as const;

export const organizationSchema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  created_at: timestamp,
});
export type Organization = z.infer<typeof organizationSchema>;

export const userSchema = z.looseObject({
  id: z.string(),
  full_name: z.string(),
  email: z.string(),
  created_at: timestamp,
  // A later revision may add roles; show them raw rather than failing the whole page.
  organization_role: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** The fields roles and groups share, and the timestamps every RBAC record may carry. */
const named = { id: z.string(), name: z.string(), description: z.string().nullable().optional() };
const stamps = { created_at: timestamp.nullable().optional(), updated_at: timestamp.nullable().optional() };

export const roleSchema = z.looseObject({ ...named, ...stamps });
export type Role = z.infer<typeof roleSchema>;

export const permissionSchema = z.looseObject({
  action: z.string(),
  resource_id: z.string().nullable().optional(),
  resource_type: z.string(),
});
export type Permission = z.infer<typeof permissionSchema>;

export const groupSchema = z.looseObject({
  ...named,
  source_type: z.string(), // "direct" | "scim"; kept open for later kinds
  roles: z.array(z.string()).nullable().optional(),
  ...stamps,
});
export type Group = z.infer<typeof groupSchema>;

export const groupMemberSchema = z.looseObject({ user_id: z.string(), email: z.string(), ...stamps });
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const retentionPeriodSchema = z.union([
  z.looseObject({ type: z.literal("fixed"), duration: z.number(), timescale: z.string() }),
  z.looseObject({ type: z.literal("indefinite") }),
]);
export type RetentionPeriod = z.infer<typeof retentionPeriodSchema>;

/** One enforced setting. `type` is optional upstream; unknown kinds are rendered raw. */
export const settingSchema = z.looseObject({
  name: z.string(),
  type: z.string().optional(),
  value: z.unknown(),
});
export type Setting = z.infer<typeof settingSchema>;

export const apiKeySchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable().optional(),
  scopes: z.array(z.string()),
  is_active: z.boolean(),
  created_at: timestamp.nullable().optional(),
  created_by_id: z.string().nullable().optional(),
  expires_at: timestamp.nullable().optional(),
  type: z.string().optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const effectiveSettingsSchema = z.looseObject({
  organization_id: z.string(),
  settings: z.array(settingSchema),
  api_keys: z.array(apiKeySchema).optional(),
  type: z.string().optional(),
});
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;

/** The envelope of every paginated list. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    has_more: z.boolean().optional(),
    next_page: z.string().nullable().optional(),
  });
}
export type Page<T> = { data: T[]; has_more?: boolean; next_page?: string | null };

/** The upstream's error body: `{"type":"error","error":{"type","message","details"?}}`. */
export const upstreamErrorBodySchema = z.looseObject({
  error: z.looseObject({
    type: z.string(),
    message: z.string().optional(),
    details: z.looseObject({ error_code: z.string().optional() }).optional(),
  }),
});

/** The error shape every route of this app answers with (CONTRACT.md). */
export const appErrorBodySchema = z.object({
  error: z.object({
    type: z.string(),
    message: z.string(),
    upstream_status: z.number().optional(),
    request_id: z.string().optional(),
  }),
});
export type AppErrorBody = z.infer<typeof appErrorBodySchema>;
