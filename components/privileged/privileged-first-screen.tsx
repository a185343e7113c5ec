import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import { countOf } from "@/lib/browser/format/numbers";
import { privilegedRowKey, type PrivilegedFirstScreen, type PrivilegedRow } from "@/lib/shared/privileged/wire";
import { accessCell, newSinceCell, organizationCell, pathCell, personCell, sourceWords } from "./privileged-cells";

/*
 * The privileged report's first screen as the server renders it (see FirstScreenTable): the
 * headline counts and the top rows, in the table's columns, before any script has run. The
 * interactive page replaces it once hydrated, starting from the same rows.
 */

const COLUMNS: FirstScreenColumn[] = ["Person", "Email", "Organization", "Comes from", "Access", "Path", "New since"].map((h) => [h, 150] as const);

const cellsOf = (r: PrivilegedRow) => [personCell(r), r.email, organizationCell(r), sourceWords(r), accessCell(r), pathCell(r), newSinceCell(r)];

export function PrivilegedFirstScreenView({ firstScreen }: { firstScreen: PrivilegedFirstScreen }) {
  const { report } = firstScreen;
  const rows = report.rows.slice(0, FIRST_SCREEN_ROWS);
  const problems = report.organizations.filter((o) => o.primary_owners !== 1);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Privileged access</h1>
        <p className="text-sm text-slate-600">
          Administrative organization roles (primary owner, owner, admin, membership admin) and RBAC permissions in the privileged set, with the path to each.
        </p>
      </div>
      <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
        {countOf(report.people, "person", "people")} with privileged access across {countOf(report.organizations.length, "organization")}.{" "}
        {problems.length === 0 ? (
          <span className="text-emerald-800">Every organization has exactly one primary owner.</span>
        ) : (
          <span className="font-medium text-red-800">
            {countOf(problems.length, "organization")} without exactly one primary owner: {problems.map((o) => `${o.name} (${o.primary_owners})`).join(", ")}.
          </span>
        )}
      </p>
      <FirstScreenNote shown={rows.length} total={report.rows_total} noun={{ one: "privileged access", other: "privileged accesses" }} />
      <FirstScreenTable
        label="Privileged access"
        columns={COLUMNS}
        rows={rows.map((r) => ({ key: privilegedRowKey(r), cells: cellsOf(r) }))}
        rowCount={report.rows_total}
      />
    </div>
  );
}
