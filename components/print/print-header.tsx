"use client";

import { useQuery } from "@tanstack/react-query";
import { directorySummaryQuery } from "@/components/people/directory-queries";
import { useOfficer } from "@/components/shell/officer-context";
import { useNow } from "@/components/shell/use-now";
import { formatDateTime, formatUtc } from "@/lib/browser/format/dates";
import { useShownSync } from "@/lib/browser/query/shown-sync";

/*
 * The header of every printed layout (issue 11, item 5): what it is, the sync the rows come from
 * (its id and time), when it was printed and by which officer. A page that knows its sync passes
 * it; otherwise the sync the store-backed routes last reported is named.
 */

export interface PrintHeaderProps {
  title: string;
  /** The sync the printed rows come from, when the page knows it. */
  syncId?: string | null;
  /** ISO time (or epoch ms) of that sync, or of the directory the rows were read from. */
  syncAt?: string | number | null;
  /** A line under the title: counts, the input, a filter. */
  summary?: string;
}

const timeOf = (t: string | number) => (typeof t === "number" ? t : Date.parse(t));

export function PrintHeader({ title, syncId, syncAt, summary }: PrintHeaderProps) {
  const officer = useOfficer();
  const shown = useShownSync();
  // A page that names no sync shows the directory's current one: reading the summary reports it.
  useQuery({ ...directorySummaryQuery(), enabled: syncId === undefined && syncAt === undefined && !shown?.id });
  // A page that gives only a time (a seed list's resolution) names no sync: the current one may not be it.
  const id = syncId !== undefined ? syncId : syncAt !== undefined ? null : (shown?.id ?? null);
  const at = syncAt !== undefined ? syncAt : (shown?.asOf ?? null);
  // To the minute, moving on while the page is open: the time of printing, as paper needs it.
  const printed = useNow(60_000);
  return (
    <header data-testid="print-header" className="mb-3 border-b border-black pb-2 text-xs text-black">
      <h1 className="text-base font-semibold">{title}</h1>
      {summary && <p>{summary}</p>}
      <p>
        Directory as of <span data-testid="print-sync-time">{at !== null ? `${formatDateTime(timeOf(at))} (${formatUtc(timeOf(at))})` : "the live API"}</span>
        {id && (
          <>
            {" "}
            · sync <span data-testid="print-sync-id" className="font-mono">{id}</span>
          </>
        )}
      </p>
      <p>
        Printed {formatDateTime(printed)} ({formatUtc(printed)}) by <span data-testid="print-officer">{officer?.name ?? "unknown officer"}</span>
      </p>
    </header>
  );
}
