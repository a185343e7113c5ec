"use client";

import { formatCount } from "@/lib/browser/format/numbers";
import type { ProgressLine } from "@/lib/shared/directory/wire";

/*
 * Where the server's whole-directory walk stands: organizations and groups done, memberships so far,
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
  if (!progress) text = "asking the server for the directory…";
  else if (progress.phase === "listing") text = `listing organizations and groups (${formatCount(progress.pages)} pages so far)…`;
  else {
    text =
      // `usersSoFar` counts rows of organization user lists: a person in three organizations is three.
      `${formatCount(progress.usersSoFar)} ${progress.usersSoFar === 1 ? "membership" : "memberships"} (user × organization) so far · ` +
      `${formatCount(progress.organizationsDone)} of ${formatCount(progress.organizationsTotal ?? 0)} organizations · ` +
      `members of ${formatCount(progress.groupsDone)} of ${formatCount(progress.groupsTotal ?? 0)} groups · ` +
      `${formatCount(progress.pages)} pages…`;
  }
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
      <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden="true" />
      <span title="The server walks every list at 1,000 rows per page, at the Compliance API's shared rate limit.">
        {refreshing ? <strong className="font-medium">Refreshing (the previous complete directory is shown meanwhile): </strong> : "Loading the directory: "}
        {text}
      </span>
      <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
        Cancel
      </button>
    </div>
  );
}
