import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import type { PrivilegedFirstScreen } from "@/lib/shared/privileged/query-wire";
import { privilegedRowKey, type PrivilegedRow } from "@/lib/shared/privileged/wire";
import { PRIVILEGED_COLUMN_SIZES as SIZE } from "./column-sizes";
import { accessCell, newSinceCell, organizationCell, pathCell, personCell, sourceWords } from "./privileged-cells";
import { PrivilegedHeading, PrivilegedSummaryLine } from "./privileged-summary";

/*
 * The privileged report's first screen as the server renders it (see FirstScreenTable): the
 * headline counts and the top rows of the view, in the table's columns, before any script has run.
 * The interactive page replaces it once hydrated, starting from the same answer (its first
 * window's query is seeded with it).
 */

const COLUMNS: FirstScreenColumn[] = [
  ["Person", SIZE.person],
  ["Email", SIZE.email],
  ["Organization", SIZE.organization],
  ["Comes from", SIZE.source],
  ["Access", SIZE.access],
  ["Path", SIZE.path],
  ["New since", SIZE.new_since],
];

const cellsOf = (r: PrivilegedRow) => [personCell(r), r.email, organizationCell(r), sourceWords(r), accessCell(r), pathCell(r), newSinceCell(r)];

export function PrivilegedFirstScreenView({ firstScreen }: { firstScreen: PrivilegedFirstScreen }) {
  const { answer } = firstScreen;
  const rows = answer.rows.slice(0, FIRST_SCREEN_ROWS);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <PrivilegedHeading />
      <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
        <PrivilegedSummaryLine people={answer.people} organizations={answer.organizations} newCount={answer.new_count} />
      </p>
      <FirstScreenNote shown={rows.length} total={answer.matched} noun={{ one: "privileged access", other: "privileged accesses" }} />
      <FirstScreenTable label="Privileged access" columns={COLUMNS} rows={rows.map((r) => ({ key: privilegedRowKey(r), cells: cellsOf(r) }))} rowCount={answer.matched} />
    </div>
  );
}
