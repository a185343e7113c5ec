/*
 * OWASP CSV injection: a spreadsheet treats a cell that starts with one of these characters as a
 * formula (tab, CR and LF because Excel trims them and then reads what follows). CONTRACT.md fixes
 * the ASCII rule: such a cell gets a leading apostrophe. Some spreadsheets also read the full-width
 * forms (＝＋－＠) as operators, and trim a leading space, no-break space or zero-width character
 * before reading the formula, so those starts are guarded too. Every other cell is written exactly
 * as received: an auditor comparing the file against the upstream must see it byte for byte.
 */

export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"] as const;

/** Full-width equals, plus, hyphen-minus and commercial at. */
export const FULL_WIDTH_TRIGGERS = ["\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"] as const;

/**
 * Characters a spreadsheet may skip before it looks for a formula: spaces of every width,
 * no-break spaces, zero-width space/joiners, word joiner, byte-order mark.
 */
export const IGNORED_LEADING = [
  " ", "\u00A0", "\u1680", "\u180E", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
  "\u2008", "\u2009", "\u200A", "\u200B", "\u200C", "\u200D", "\u2028", "\u2029", "\u202F", "\u205F", "\u2060", "\u3000", "\uFEFF",
] as const;

const TRIGGER_SET: ReadonlySet<string> = new Set<string>([...FORMULA_TRIGGERS, ...FULL_WIDTH_TRIGGERS]);
const IGNORED_SET: ReadonlySet<string> = new Set<string>(IGNORED_LEADING);

/** A trigger first, or after a run of ignorable leading characters. One pass, no pattern. */
export function startsLikeFormula(cell: string): boolean {
  let i = 0;
  while (i < cell.length && IGNORED_SET.has(cell[i]!)) i++;
  return i < cell.length && TRIGGER_SET.has(cell[i]!);
}

export function guardFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}
