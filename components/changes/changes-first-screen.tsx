import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import type { ChangesFirstScreen } from "@/lib/shared/changes/changes-wire";
import { kindCell, toRows, widensBadge, type ChangeRow } from "./change-rows";
import { CHANGES_COLUMN_SIZES as SIZE } from "./column-sizes";
import { CountsLine } from "./counts-line";
import { PageLoading } from "@/components/shell/page-loading";

/*
 * The Changes page's first screen as the server renders it (see FirstScreenTable): the counts in
 * words and the first changes of the pair shown, before any script has run. The interactive page
 * replaces it once hydrated, starting from the same summary and page.
 */

const COLUMNS: FirstScreenColumn[] = [
  ["Change", SIZE.kind],
  ["Access", SIZE.widens],
  ["What changed", SIZE.summary],
  ["Organization", SIZE.organization],
  ["Person", SIZE.person],
  ["Group", SIZE.group],
  ["Role", SIZE.role],
];

const cellsOf = (r: ChangeRow) => [kindCell(r), widensBadge(r), <span key="s" title={r.summary}>{r.summary}</span>, r.organization, r.person, r.group, r.role];

/** Without a pair to show (fewer than two syncs, or a "since" view, whose pair the browser picks): "Loading…" as any page. */
export function ChangesFirstScreenView({ firstScreen: { pair } }: { firstScreen: ChangesFirstScreen }) {
  if (!pair) return <PageLoading />;
  const rows = toRows(pair.page.changes.slice(0, FIRST_SCREEN_ROWS), pair.summary.labels);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold text-slate-900">Changes</h1>
        <CountsLine summary={pair.summary} newAdmins={undefined} />
      </header>
      <FirstScreenNote shown={rows.length} total={pair.summary.total} noun={{ one: "change", other: "changes" }} />
      <FirstScreenTable label={`Changes from ${pair.from} to ${pair.to}`} columns={COLUMNS} rows={rows.map((r) => ({ key: r.id, cells: cellsOf(r) }))} rowCount={pair.summary.total} />
    </div>
  );
}
