import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import { UtcDateCell } from "@/components/results/utc-date-cell";
import type { StoredOverview } from "@/lib/shared/directory/tree-wire";
import { OVERVIEW_COLUMN_SIZES as SIZE } from "./column-sizes";
import { CountStateCell } from "./count-cell";
import { storedOrganizationRows, type OrganizationRow } from "./organization-row";
import { OpenLinks, OrganizationNameCell } from "./overview-columns";
import { SettingsBadges } from "./settings-badges";
import { StoredCountsLine, StoredHeading } from "./tree-heading";

/*
 * The Overview's first screen as the server renders it (see FirstScreenTable): the tree's figures
 * and its first organizations with every count, before any script has run. The interactive page
 * replaces it once hydrated, starting from the same answer (its query is seeded with it).
 */

// The interactive table's visible columns, in its order and widths.
const COLUMNS: FirstScreenColumn[] = [
  ["Organization", SIZE.name],
  ["Created", SIZE.created_at],
  ["Users", SIZE.users],
  ["Roles", SIZE.roles],
  ["Groups", SIZE.groups],
  ["Settings", SIZE.settings],
  ["Open", SIZE.open, "sr-only"],
];

const count = (cell: OrganizationRow["users"], noun: string) => (
  <span className="block text-right">
    <CountStateCell cell={cell} noun={noun} />
  </span>
);

const cellsOf = (r: OrganizationRow) => [
  <OrganizationNameCell key="name" org={r} />,
  <UtcDateCell key="created" value={r.created_at} />,
  count(r.users, "Users"),
  count(r.roles, "Roles"),
  count(r.groups, "Groups"),
  <SettingsBadges key="settings" cell={r.settings} />,
  <OpenLinks key="open" org={r} />,
];

export function OverviewFirstScreenView({ firstScreen }: { firstScreen: StoredOverview }) {
  const rows = storedOrganizationRows(firstScreen);
  const shown = rows.slice(0, FIRST_SCREEN_ROWS);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <StoredHeading overview={firstScreen} />
      <StoredCountsLine overview={firstScreen} timeZone="UTC" />
      <FirstScreenNote shown={shown.length} total={rows.length} noun={{ one: "organization", other: "organizations" }} />
      <FirstScreenTable label="Organizations under the parent" columns={COLUMNS} rows={shown.map((r) => ({ key: r.uuid, cells: cellsOf(r) }))} rowCount={rows.length} rowHeight={44} />
    </div>
  );
}
