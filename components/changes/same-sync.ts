/*
 * The Changes page compares two complete syncs. When both ends are the same sync there is nothing
 * to compare, and "No changes between these two syncs" would read as a finding: this says why the
 * pair is empty and what to do instead.
 */

/** Why From and To are the same sync, in words for the officer; null when they differ. */
export function sameSyncNote(completeSyncs: number, from: string, to: string, since: string): string | null {
  if (from === "" || from !== to) return null;
  if (completeSyncs <= 1) return "Only one sync is complete so far, so there is nothing to compare it with. Changes are listed once the next sync completes.";
  if (since) return `No sync has completed since ${since}: the newest sync finished before that day.`;
  return "From and To are the same sync. Choose an earlier sync in From to see what changed.";
}
