import { classifyEntry } from "@/lib/shared/directory/entries";
import type { UnknownGroup } from "@/lib/shared/reconciliation/schema";

/*
 * The quarterly access review file: one `group_name_or_id,email` record per expected membership,
 * across every group. Records are grouped by group (an id first, then an exact name, then a name
 * in any case); names no group has, and names several groups share, are reported with the records
 * that use them, never dropped.
 */

export interface BulkLayout {
  /** The first record is a header (`group_name_or_id,email`). */
  header: boolean;
  groupColumn: number;
  entryColumn: number;
}

/**
 * Where the group and the entry are. A first record whose second cell is no email or id and
 * that names its columns ("group", "email", "user") is a header; its names then place the columns.
 */
export function bulkLayout(records: readonly (readonly string[])[]): BulkLayout {
  const first = records[0] ?? [];
  const second = classifyEntry(first[1] ?? "").kind;
  const named = first.some((c) => /group|e-?mail|user/i.test(c));
  if (!named || second === "email" || second === "user_id") return { header: false, groupColumn: 0, entryColumn: 1 };
  const groupColumn = first.findIndex((c) => /group/i.test(c));
  const entryColumn = first.findIndex((c, i) => i !== groupColumn && /e-?mail|user|member|id/i.test(c));
  return { header: true, groupColumn: groupColumn >= 0 ? groupColumn : 0, entryColumn: entryColumn >= 0 ? entryColumn : groupColumn === 1 ? 0 : 1 };
}

export interface NamedGroup {
  id: string;
  name: string;
}

export interface BulkGrouping<G extends NamedGroup> {
  /** Groups named by the file, in first-appearance order, with their entries in file order. */
  groups: { group: G; entries: string[] }[];
  unknown: UnknownGroup[];
  /** Record numbers with an entry but an empty group cell. */
  withoutGroup: number[];
}

/** `records` excludes the header; `firstRecordNumber` is the 1-based number of records[0] in the file. */
export function groupBulkRecords<G extends NamedGroup>(
  records: readonly (readonly string[])[],
  layout: Pick<BulkLayout, "groupColumn" | "entryColumn">,
  groups: readonly G[],
  firstRecordNumber = 1,
): BulkGrouping<G> {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const byName = new Map<string, G[]>();
  const byFoldedName = new Map<string, G[]>();
  for (const g of groups) {
    byName.set(g.name, [...(byName.get(g.name) ?? []), g]);
    const folded = g.name.trim().toLowerCase();
    byFoldedName.set(folded, [...(byFoldedName.get(folded) ?? []), g]);
  }
  const find = (ref: string): G[] => {
    const id = byId.get(ref);
    if (id) return [id];
    return byName.get(ref) ?? byFoldedName.get(ref.toLowerCase()) ?? [];
  };

  const out = new Map<string, { group: G; entries: string[] }>();
  const unknown = new Map<string, UnknownGroup>();
  const withoutGroup: number[] = [];
  records.forEach((record, i) => {
    const number = firstRecordNumber + i;
    const ref = (record[layout.groupColumn] ?? "").trim();
    const entry = (record[layout.entryColumn] ?? "").trim();
    if (!ref) {
      if (entry) withoutGroup.push(number);
      return;
    }
    const found = find(ref);
    if (found.length === 1) {
      const g = found[0]!;
      let slot = out.get(g.id);
      if (!slot) out.set(g.id, (slot = { group: g, entries: [] }));
      slot.entries.push(entry);
      return;
    }
    let u = unknown.get(ref);
    if (!u) unknown.set(ref, (u = { name: ref, row_numbers: [], entries: [], ...(found.length > 1 ? { ambiguous_ids: found.map((g) => g.id) } : {}) }));
    u.row_numbers.push(number);
    u.entries.push(entry);
  });
  return { groups: [...out.values()], unknown: [...unknown.values()], withoutGroup };
}
