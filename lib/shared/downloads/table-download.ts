import { z } from "zod";

/*
 * A table's "Download" (issue 10 item 2): the browser says which table, which scope, which sync its
 * rows came from and which rows (their ids, in the table's order); the server builds the file from
 * that sync in the store and audits it before the first byte (POST /api/downloads/table). Nothing
 * of a row's values comes from the browser. Isomorphic: the dialog builds its request from it and
 * shows the columns it names; the route validates with it.
 */

export const TABLE_KINDS = ["users", "people", "groups", "group_members", "roles", "role_permissions"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/**
 * Each table's download columns, in file order, defined once: the server writes exactly these
 * headers, the dialog lists them. users matches CONTRACT.md's users.csv.
 */
export const TABLE_COLUMNS: Record<TableKind, readonly string[]> = {
  users: ["organization_uuid", "organization_name", "user_id", "email", "full_name", "organization_role", "created_at"],
  people: ["user_id", "email", "full_name", "organizations", "organization_uuids", "organization_roles", "group_count", "groups", "rbac_roles", "permission_actions", "access_paths"],
  groups: ["name", "description", "source_type", "roles", "members", "group_id", "created_at", "updated_at"],
  group_members: ["user_id", "email", "full_name", "organization_uuids", "organization_names", "organization_roles", "added_at"],
  roles: ["name", "description", "role_id", "created_at", "updated_at"],
  role_permissions: ["action", "resource_type", "resource_id"],
};

/** Which scope each table needs: users and roles of an organization, members of a group, permissions of a role. */
export const TABLE_SCOPE: Record<TableKind, readonly ("org" | "group" | "role")[]> = {
  users: ["org"],
  people: [],
  groups: [],
  group_members: ["group"],
  roles: ["org"],
  role_permissions: ["org", "role"],
};

/** Rows per download: the largest directory the product is sized for (CONTRACT.md), with room. */
export const MAX_TABLE_DOWNLOAD_ROWS = 200_000;

const id = z.string().min(1).max(200);

export const tableDownloadRequestSchema = z
  .object({
    table: z.enum(TABLE_KINDS),
    scope: z.object({ org: id.optional(), group: id.optional(), role: id.optional() }).strict().default({}),
    /** The sync the table's rows came from (x-directory-sync). */
    sync: id,
    /** "matching": every row matching the view; "selected": the officer's selection. */
    rows: z.enum(["matching", "selected"]),
    /** The rows' ids in the table's order (user ids; group, role ids; permission positions). */
    ids: z.array(id).max(MAX_TABLE_DOWNLOAD_ROWS),
    /**
     * People, rows "matching" only: the view's query string (GET /api/directory/people/query's
     * parameters) instead of ids; the server picks the rows with the page's own predicate.
     */
    query: z.string().max(1_600_000).optional(),
    columns: z.array(z.string().max(64)).min(1).max(32),
    /** The view's search and filters in words (describe-view.ts), recorded in the audit entry. */
    view: z.array(z.string().max(400)).max(64).default([]),
    format: z.enum(["csv", "xlsx"]),
    bom: z.boolean().default(false),
  })
  .strict();

export type TableDownloadRequest = z.infer<typeof tableDownloadRequestSchema>;
export type TableDownloadScope = TableDownloadRequest["scope"];

export const TABLE_DOWNLOAD_PATH = "/api/downloads/table";
