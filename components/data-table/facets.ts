import type { FilterOption } from "./column-meta";

/*
 * The choices a faceted filter offers, each with how many rows (matching the other filters) hold
 * it. Declared options keep their order and stay listed at zero, so an officer sees that no one
 * holds a role; values found in the rows but not declared are added; a selected value never
 * disappears from the list, even at zero.
 */

export interface FacetChoice {
  value: string;
  label: string;
  count: number;
}

export function facetChoices(unique: Map<unknown, number>, declared: FilterOption[] | undefined, selected: readonly string[]): FacetChoice[] {
  const counts = new Map<string, number>();
  for (const [value, count] of unique) {
    // Multi-valued cells (a person's organizations) are counted per value.
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const key = v === null || v === undefined ? "" : String(v);
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
  }

  const out: FacetChoice[] = [];
  const listed = new Set<string>();
  for (const o of declared ?? []) {
    out.push({ value: o.value, label: o.label ?? o.value, count: counts.get(o.value) ?? 0 });
    listed.add(o.value);
  }
  const found: FacetChoice[] = [];
  for (const [value, count] of counts) if (!listed.has(value)) found.push({ value, label: value === "" ? "(none)" : value, count });
  for (const value of selected) if (!listed.has(value) && !counts.has(value)) found.push({ value, label: value, count: 0 });
  found.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return [...out, ...found];
}
