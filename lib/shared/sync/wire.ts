import { z } from "zod";

/*
 * A sync as routes answer it (CONTRACT.md, "The durable directory"). Isomorphic: the header's sync
 * control and the Changes page parse the same schema. `progress` is ours, beside the contract's
 * fields: what a running sync has read so far.
 */

export const syncCountsSchema = z.object({
  organizations: z.number(),
  memberships: z.number(),
  people: z.number(),
  roles: z.number(),
  permissions: z.number(),
  groups: z.number(),
  group_memberships: z.number(),
});

export const syncProgressSchema = z.object({
  phase: z.enum(["listing", "walking", "saving", "done"]),
  organizationsTotal: z.number().nullable(),
  organizationsDone: z.number(),
  membershipsSoFar: z.number(),
  groupsTotal: z.number().nullable(),
  groupsDone: z.number(),
  rolesTotal: z.number().nullable(),
  rolesDone: z.number(),
  pages: z.number(),
});

export const syncSchema = z.object({
  id: z.string(),
  status: z.enum(["running", "complete", "failed", "cancelled"]),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  counts: syncCountsSchema.nullable(),
  upstream_calls: z.number(),
  sha256: z.string().nullable(),
  error: z.object({ type: z.string(), message: z.string(), request_id: z.string().optional() }).nullable(),
  trigger: z.string(),
  requested_by: z.string().nullable(),
  progress: syncProgressSchema.nullable(),
});
export type SyncWire = z.infer<typeof syncSchema>;

export const syncListSchema = z.object({ syncs: z.array(syncSchema) });
export const syncAnswerSchema = z.object({ sync: syncSchema });
