"use client";

import { formatCount } from "@/lib/format/numbers";
import type { ProgressLine } from "@/lib/directory/wire";

/*
 * Where the server's whole-directory walk stands: organizations and groups done, users so far,
 * pages read. The directory is only shown once complete, so this line is all there is meanwhile.
 */
export function DirectoryProgressLine({
  progress,
  onCancel,
  refreshing = false,
}: {
  progress: ProgressLine | undefined;
  onCancel: () => void;
  /** A complete directory is on screen and a newer one is being walked. */
  refreshing?: boolean;
}) {
  let text: string;
  if (!progress) text = "Asking the server for the directory…";
  else if (progress.phase === "listing") text = `Listing organizations and groups… (${formatCount(progress.pages)} pages so far)`;
  else {
    const orgs = progress.organizationsTotal ?? 0;
    const groups = progress.groupsTotal ?? 0;
    text =
      `Loading ${formatCount(progress.usersSoFar)} users so far: ` +
      `${formatCount(progress.organizationsDone)} of ${formatCount(orgs)} organizations, ` +
      `members of ${formatCount(progress.groupsDone)} of ${formatCount(groups)} groups, ` +
      `${formatCount(progress.pages)} pages (1,000 per page, at the API's shared rate)`;
  }
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
      <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden="true" />
      <span>
        {refreshing && <strong className="font-medium">Refreshing; the list below is the previous complete directory. </strong>}
        {text}
      </span>
      <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
        Cancel
      </button>
    </div>
  );
}
