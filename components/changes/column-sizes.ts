/*
 * The Changes table's column widths, for the interactive table and the server's first screen
 * alike, so nothing moves when the page hydrates.
 */
export const CHANGES_COLUMN_SIZES = {
  kind: 170,
  widens: 135,
  summary: 460,
  organization: 180,
  person: 180,
  group: 160,
  role: 160,
} as const;
