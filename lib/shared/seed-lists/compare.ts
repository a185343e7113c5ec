import type { Resolution, ResolutionComparison, SeedPerson } from "./schema";

/*
 * What changed between two resolutions of the same list. Both replay the same entries (a saved
 * list's input never changes), so entries are compared by position and people by user id.
 */

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

function changedFields(before: SeedPerson, after: SeedPerson): string[] {
  const fields: string[] = [];
  if (before.email !== after.email) fields.push("email");
  if (before.full_name !== after.full_name) fields.push("full_name");
  if (!sameSet(before.organization_uuids, after.organization_uuids)) fields.push("organization_uuids");
  return fields;
}

export function compareResolutions(earlierNumber: number, earlier: Resolution, laterNumber: number, later: Resolution): ResolutionComparison {
  const before = new Map(earlier.people.map((p) => [p.user_id, p]));
  const after = new Map(later.people.map((p) => [p.user_id, p]));
  const added = later.people.filter((p) => !before.has(p.user_id));
  const removed = earlier.people.filter((p) => !after.has(p.user_id));
  const changed = later.people.flatMap((p) => {
    const old = before.get(p.user_id);
    if (!old) return [];
    const fields = changedFields(old, p);
    return fields.length ? [{ before: old, after: p, fields }] : [];
  });
  const earlierByIndex = new Map(earlier.entries.map((e) => [e.index, e]));
  const newlyUnmatched = later.entries.filter((e) => e.status === "unmatched" && earlierByIndex.get(e.index)?.status === "matched");
  const newlyMatched = later.entries.filter((e) => e.status === "matched" && earlierByIndex.get(e.index)?.status === "unmatched");
  return { earlier: earlierNumber, later: laterNumber, added, removed, newly_unmatched: newlyUnmatched, newly_matched: newlyMatched, changed };
}

export function comparisonIsEmpty(c: ResolutionComparison): boolean {
  return !c.added.length && !c.removed.length && !c.newly_unmatched.length && !c.newly_matched.length && !c.changed.length;
}
