/*
 * The search box's "contains" over every row of a table held in the tab, at 50,000 rows within a
 * frame. Each row's searchable values are joined once into one key (per data array, not per
 * keystroke), so a row costs one `includes`. A pass remembers which rows matched: when the next
 * search contains the previous one (a letter typed at either end, or anywhere inside a word that
 * still contains the old text) only those rows can match, and only they are looked at again. A
 * deleted letter, or a change that drops the old text, looks at every row again.
 */

/** Joins a row's values into its key. No value the search compares holds it (see `hits`). */
export const KEY_SEPARATOR = "\u0000";

export const joinKey = (values: readonly string[]): string => values.join(KEY_SEPARATOR);

export interface SearchPassInput {
  /** The rows' identity (their array): keys and remembered matches belong to one. */
  rows: unknown;
  /** The other filters' identity: remembered matches passed them. */
  filters: unknown;
  /** How many rows. */
  count: number;
  /** One key per row, `joinKey` of its lower-cased values (only read when the needle is not ""). */
  keys: readonly string[];
  /** A row's values, for a needle holding the separator (never typed; exactness over speed). */
  valuesOf: (index: number) => readonly string[];
  /** Lower-cased; "" matches every row. */
  needle: string;
  /** The other filters: called only for rows the needle matches. */
  passes: (index: number) => boolean;
}

interface Pass {
  rows: unknown;
  filters: unknown;
  needle: string;
  matches: number[];
}

/** Whether row `i` holds `needle` in one of its values. */
function hits(input: SearchPassInput, i: number): boolean {
  const { needle } = input;
  if (needle === "") return true;
  if (!needle.includes(KEY_SEPARATOR)) return input.keys[i]!.includes(needle);
  return input.valuesOf(i).some((v) => v.includes(needle));
}

/** Searches one table's rows, narrowing from its previous pass when it can. One per table. */
export class NarrowingSearch {
  private last: Pass | null = null;

  /** Indices (ascending) of the rows holding the needle and passing the other filters. */
  match(input: SearchPassInput): number[] {
    const prev = this.last;
    const out: number[] = [];
    if (prev && prev.rows === input.rows && prev.filters === input.filters && input.needle.includes(prev.needle)) {
      for (const i of prev.matches) if (hits(input, i)) out.push(i);
    } else {
      for (let i = 0; i < input.count; i++) if (hits(input, i) && input.passes(i)) out.push(i);
    }
    this.last = { rows: input.rows, filters: input.filters, needle: input.needle, matches: out };
    return out;
  }

  /** Forget the previous pass (its rows went through another road, e.g. a pasted list). */
  reset(): void {
    this.last = null;
  }
}
