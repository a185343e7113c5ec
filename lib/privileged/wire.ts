import { z } from "zod";

/*
 * The privileged access report as the route sends it and the page parses it (isomorphic). One row
 * per person, organization and road to administrative access: an administrative organization role,
 * or a privileged RBAC permission through group → role.
 */

export const PRIVILEGED_ORGANIZATION_ROLES = ["primary_owner", "owner", "admin", "membership_admin"] as const;

export const privilegedRowSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  full_name: z.string(),
  organization_uuid: z.string(),
  organization_name: z.string(),
  /** "organization_role": the organization lists the person with `access`; "permission": via group → role. */
  source: z.enum(["organization_role", "permission"]),
  /** The organization role, or the permission's action. */
  access: z.string(),
  resource_type: z.string().nullable(),
  resource_id: z.string().nullable(),
  group_id: z.string().nullable(),
  group_name: z.string().nullable(),
  role_id: z.string().nullable(),
  role_name: z.string().nullable(),
  /** Set when the report compares with an earlier sync: this access was not there then. */
  new_since: z.boolean().optional(),
});
export type PrivilegedRow = z.infer<typeof privilegedRowSchema>;

export const privilegedOrganizationSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  primary_owners: z.number(),
  owners: z.number(),
  admins: z.number(),
  membership_admins: z.number(),
  /** People holding a privileged permission through a group in this organization. */
  permission_holders: z.number(),
  /** Distinct people with any privileged access here. */
  people: z.number(),
});
export type PrivilegedOrganization = z.infer<typeof privilegedOrganizationSchema>;

export const privilegedReportSchema = z.object({
  sync: z.object({ id: z.string(), finished_at: z.string() }).nullable(),
  since_sync: z.object({ id: z.string(), finished_at: z.string() }).nullable(),
  privileged_actions: z.array(z.string()),
  organizations: z.array(privilegedOrganizationSchema),
  rows: z.array(privilegedRowSchema),
});
export type PrivilegedReport = z.infer<typeof privilegedReportSchema>;

/** A row's identity across syncs: the same person, organization and road. */
export const privilegedRowKey = (r: PrivilegedRow): string =>
  [r.user_id, r.organization_uuid, r.source, r.access, r.resource_type, r.resource_id, r.group_id, r.role_id].join("\u0000");
