/*
 * The People table's column widths, for the interactive table and the server's first screen
 * alike, so nothing moves when the page hydrates.
 */
export const PEOPLE_COLUMN_SIZES = {
  name: 150,
  email: 190,
  id: 240,
  organizations: 185,
  organizationRoles: 200,
  access: 320,
  rbacRoles: 190,
  groupIds: 190,
  actions: 200,
  domain: 150,
  groupCount: 80,
  organizationUuids: 300,
  groups: 240,
} as const;
