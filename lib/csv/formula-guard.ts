/*
 * OWASP CSV injection: a spreadsheet treats a cell that starts with one of these characters as a
 * formula (tab, CR and LF because Excel trims them and then reads what follows). CONTRACT.md fixes
 * the rule exactly: such a cell gets a leading apostrophe, every other cell is written as received.
 * A leading space is deliberately NOT a trigger: the contract names the characters, and an auditor
 * comparing the file against the upstream must see every other value byte for byte.
 */

export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"] as const;

export function startsLikeFormula(cell: string): boolean {
  return cell.length > 0 && (FORMULA_TRIGGERS as readonly string[]).includes(cell[0]!);
}

export function guardFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}
