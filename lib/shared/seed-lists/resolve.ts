import { countResolution, resolveEntries, type PersonLookup } from "@/lib/shared/directory/entries";
import type { Person } from "@/lib/shared/directory/types";
import type { WorkBudget } from "@/lib/shared/directory/work-budget";
import type { Resolution, ResolvedEntryWire, SeedPerson, SourceRecord } from "./schema";

/*
 * Resolving a seed list: every entry of every source, in order, against the whole directory
 * (lib/shared/directory/entries decides what matches and what repeats). Duplicates are found across
 * sources, so a person pasted and also in an added group is listed once and counted as a repeat.
 */

export function seedPerson(p: Person): SeedPerson {
  const seen = new Set<string>();
  const uuids: string[] = [];
  const names: string[] = [];
  for (const m of p.memberships) {
    if (seen.has(m.organization.uuid)) continue;
    seen.add(m.organization.uuid);
    uuids.push(m.organization.uuid);
    names.push(m.organization.name);
  }
  return { user_id: p.id, email: p.email, full_name: p.fullName, organization_uuids: uuids, organization_names: names };
}

/** Every entry of every source, with the source it came from. */
export function flattenSources(sources: readonly SourceRecord[]): { entries: string[]; sourceOf: number[] } {
  const entries: string[] = [];
  const sourceOf: number[] = [];
  sources.forEach((s, i) => {
    for (const e of s.entries) {
      entries.push(e);
      sourceOf.push(i);
    }
  });
  return { entries, sourceOf };
}

export interface ResolveContext {
  lookup: PersonLookup<Person>;
  directoryBuiltAt: number;
  officer: string;
  now?: Date;
  /** Stops a resolution that takes too long (WorkBudgetExceeded); none by default. */
  budget?: WorkBudget;
}

export function resolveSeedList(sources: readonly SourceRecord[], ctx: ResolveContext): Resolution {
  const { entries, sourceOf } = flattenSources(sources);
  const results = resolveEntries(ctx.lookup, entries, ctx.budget);
  const people: SeedPerson[] = [];
  const listed = new Set<string>();
  const wire = results.map((r): ResolvedEntryWire => {
    const base = { index: r.index, source: sourceOf[r.index]!, input: r.input, kind: r.kind, value: r.value, status: r.status };
    switch (r.status) {
      case "matched":
        for (const p of r.people) {
          if (listed.has(p.id)) continue;
          listed.add(p.id);
          people.push(seedPerson(p));
        }
        return { ...base, user_ids: r.people.map((p) => p.id) };
      case "unmatched":
        return { ...base, reason: r.reason };
      case "duplicate":
        return { ...base, reason: r.reason, duplicate_of: r.duplicateOf };
      case "blank":
        return base;
    }
  });
  return {
    resolved_at: (ctx.now ?? new Date()).toISOString(),
    resolved_by: ctx.officer,
    directory_built_at: new Date(ctx.directoryBuiltAt).toISOString(),
    counts: countResolution(results),
    entries: wire,
    people,
  };
}

/** "pasted (120), CSV hr.csv (4,000), group Legal (12)": what the list was made from, in a line. */
export function describeSources(sources: readonly SourceRecord[]): string {
  const n = (k: number) => k.toLocaleString("en-US");
  return sources
    .map((s) => {
      switch (s.kind) {
        case "paste":
          return `pasted (${n(s.entries.length)})`;
        case "csv":
          return `CSV ${s.filename}, column ${s.column_name} (${n(s.entries.length)})`;
        case "group":
          return `group ${s.group_name} (${n(s.entries.length)})`;
        case "selection":
          return `selected in ${s.label} (${n(s.entries.length)})`;
      }
    })
    .join(", ");
}
