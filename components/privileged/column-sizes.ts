/*
 * The privileged table's column widths, for the interactive table and the server's first screen
 * alike (so the rows do not shift when the page hydrates). The path, the report's point, gets the
 * most; the total stays within a 1,280 px window's table (1,070 px), as the default 150 each did.
 */
export const PRIVILEGED_COLUMN_SIZES = {
  person: 140,
  email: 160,
  organization: 140,
  source: 125,
  access: 160,
  path: 240,
  new_since: 95,
} as const;
