import { IdCell } from "@/components/data-table/cells";
import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import type { PeopleFirstScreen } from "@/lib/shared/directory/people-query-wire";
import { accessPathsCell, actionsCell, rbacRolesCell } from "./people-access-cells";
import { PEOPLE_COLUMN_SIZES as SIZE } from "./column-sizes";
import { nameCell, organizationRolesCell, organizationsCell } from "./people-cells";
import { peopleTableRowFromWire, type PeopleTableRow } from "./people-table-rows";
import { formatCount } from "@/lib/browser/format/numbers";

/*
 * People's first screen as the server renders it (see FirstScreenTable): the first rows of the
 * default view, before any script has run. The interactive page replaces it once hydrated,
 * starting from the same answer (its first window's query is seeded with it).
 */

// The interactive table's visible columns, in its order and widths (the selection's column is
// empty until the page is interactive), so nothing moves when it takes over.
const COLUMNS: FirstScreenColumn[] = [
  ["", 32],
  ["Name", SIZE.name],
  ["Email", SIZE.email],
  ["User id", SIZE.id],
  ["Organizations", SIZE.organizations],
  ["Organization roles", SIZE.organizationRoles],
  ["Access via", SIZE.access],
  ["RBAC roles", SIZE.rbacRoles],
  ["Permission actions", SIZE.actions],
  ["Groups", SIZE.groupCount],
];

// The first screen is the default view's (lib/server/first-screen/people.ts): no filter narrows the paths.
const cellsOf = (r: PeopleTableRow) => [
  null,
  nameCell(r),
  r.email,
  <IdCell key="id" value={r.id} label="user id" />,
  organizationsCell(r),
  organizationRolesCell(r),
  accessPathsCell(r),
  rbacRolesCell(r),
  actionsCell(r),
  formatCount(r.groupCount),
];

/** The page's title, the same before and after its scripts run. */
export function PeopleHeading() {
  return (
    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
      <h1 className="text-lg font-semibold text-slate-900">People</h1>
      <p className="text-xs text-slate-600">Everyone in every organization and group of the tree, one row per user id.</p>
    </div>
  );
}

export function PeopleFirstScreenView({ firstScreen }: { firstScreen: PeopleFirstScreen }) {
  const { answer } = firstScreen;
  const rows = answer.rows.slice(0, FIRST_SCREEN_ROWS).map(peopleTableRowFromWire);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <PeopleHeading />
      <FirstScreenNote shown={rows.length} total={answer.matched} noun={{ one: "person", other: "people" }} />
      <FirstScreenTable label="People across all organizations" columns={COLUMNS} rows={rows.map((r) => ({ key: r.id, cells: cellsOf(r) }))} rowCount={answer.matched} />
    </div>
  );
}
