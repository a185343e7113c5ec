/* The Overview table's column widths, for the interactive table and the server's first screen alike (nothing shifts when the page hydrates). */
export const OVERVIEW_COLUMN_SIZES = {
  name: 270,
  uuid: 300,
  org_id: 320,
  created_at: 124,
  users: 80,
  roles: 76,
  groups: 84,
  sso: 110,
  provisioning: 130,
  settings: 260,
  open: 150,
} as const;
