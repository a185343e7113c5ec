import { z } from "zod";
import { countsSchema } from "@/lib/shared/counts-schema";

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

export const privilegedOrganizationSchema = z.object({ uuid: z.string(), name: z.string() }).extend(
  countsSchema([
    "primary_owners",
    "owners",
    "admins",
    "membership_admins",
    /** People holding a privileged permission through a group in this organization. */
    "permission_holders",
    /** Distinct people with any privileged access here. */
    "people",
  ]).shape,
);
export type PrivilegedOrganization = z.infer<typeof privilegedOrganizationSchema>;

export const privilegedReportSchema = z.object({
  sync: z.object({ id: z.string(), finished_at: z.string() }).nullable(),
  since_sync: z.object({ id: z.string(), finished_at: z.string() }).nullable(),
  privileged_actions: z.array(z.string()),
  organizations: z.array(privilegedOrganizationSchema),
  /** Distinct people with any privileged access, across organizations. */
  people: z.number(),
  /** Every row of the report; `rows` holds them all, or the first `limit` when the request asked for a first screen. */
  rows_total: z.number(),
  /** In the table's default order (organization name, then the order found). */
  rows: z.array(privilegedRowSchema),
});
export type PrivilegedReport = z.infer<typeof privilegedReportSchema>;

/** A row's identity across syncs: the same person, organization and road. */
export const privilegedRowKey = (r: PrivilegedRow): string =>
  [r.user_id, r.organization_uuid, r.source, r.access, r.resource_type, r.resource_id, r.group_id, r.role_id].join("\u0000");

/**
 * The report's default order, by organization name: the server sorts by it and the table's
 * organization column sorts with it, so a first screen sent ahead is exactly the top of the table.
 */
export function compareByOrganization(a: Pick<PrivilegedRow, "organization_name">, b: Pick<PrivilegedRow, "organization_name">): number {
  const x = a.organization_name.toLowerCase();
  const y = b.organization_name.toLowerCase();
  return x === y ? 0 : x < y ? -1 : 1;
}
