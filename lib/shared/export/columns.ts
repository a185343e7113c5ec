/*
 * The header row of every directory export, isomorphic so the Exports page can say which columns
 * a file will have before it is downloaded. The server modules take their headers from here.
 */

/** users.csv (CONTRACT.md); also the first fields of each users.ndjson line. Kept equal to users-export's by a test. */
export const USERS_COLUMNS = ["organization_uuid", "organization_name", "user_id", "email", "full_name", "organization_role", "created_at"] as const;

export const ROLES_COLUMNS = [
  "organization_uuid",
  "organization_name",
  "role_id",
  "role_name",
  "role_description",
  "action",
  "resource_type",
  "resource_id",
] as const;

export const GROUPS_COLUMNS = ["group_id", "group_name", "source_type", "role_ids", "user_id", "email", "membership_created_at"] as const;

export const SETTINGS_COLUMNS = ["organization_uuid", "organization_name", "setting", "type", "value"] as const;

/** Separator inside one cell: a group's role ids, a list setting's items. */
export const CELL_LIST_SEPARATOR = ";";
