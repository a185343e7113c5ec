import { formatDateTime, parseTimestamp } from "@/lib/browser/format/dates";
import type { StoredOverview } from "@/lib/shared/directory/tree-wire";
import { storedFigures, TreeTotalsBar, type TreeFigure } from "./tree-totals";

/* The Overview's title and figures, and the line saying its counts are whole: the same before and after its scripts run. */

export function TreeHeading({ figures }: { figures: readonly TreeFigure[] }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Organization tree</h1>
        <p className="text-xs text-slate-600">The parent organization and every organization linked under it, with what each holds.</p>
      </div>
      <TreeTotalsBar figures={figures} />
    </div>
  );
}

/** `timeZone`: "UTC" on the server, which does not know the officer's; the browser's own otherwise. */
export function StoredCountsLine({ overview, timeZone }: { overview: StoredOverview; timeZone?: "UTC" }) {
  const finished = overview.sync ? parseTimestamp(overview.sync.finishedAt) : null;
  const when = finished === null ? "" : `, from the sync finished ${formatDateTime(finished, timeZone)}${timeZone ? ` ${timeZone}` : ""}`;
  return (
    <p role="status" data-counted="all" className="text-xs text-slate-600">
      Every organization counted{when}.
    </p>
  );
}

export function StoredHeading({ overview }: { overview: StoredOverview }) {
  return <TreeHeading figures={storedFigures(overview)} />;
}
