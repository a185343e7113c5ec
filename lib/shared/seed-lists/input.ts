import { classifyEntry } from "@/lib/shared/directory/entries";

/*
 * Turning what an officer brings (a pasted list, a column of an uploaded CSV) into entries, one
 * string per thing entered. Isomorphic: the page previews with the same functions the server
 * resolves with. Nothing is dropped here: a blank line becomes an empty entry, which the resolver
 * counts as "blank, ignored", so the officer sees how many there were.
 */

/** Characters that end an unquoted display name, as mail clients separate addresses. */
const NAME_STOPS = ',;<>"\r\n';
const isSpace = (c: string) => c.trim() === "";

export interface PastedEntries {
  /** One per entry, in order; "" for each blank line. */
  entries: string[];
  /** Lines that held nothing but whitespace (each is one "" entry). */
  blankLines: number;
}

/**
 * A line with each mail-client address form, `"Doe, Jane" <jane@x.com>` or `Jane Doe <jane@x.com>`,
 * replaced by its address (spaced, so the split below keeps it whole). One pass over the line: an
 * address is `<...>` with no space or angle bracket inside; its display name is the quoted string
 * right before it, or else the text back to the previous separator or address. (A pattern doing
 * this backtracked over every start position: 160,000 characters took seconds.)
 */
export function replaceDisplayNames(line: string): string {
  let out = "";
  let done = 0; // line[0, done) is settled: copied to out or replaced
  let i = 0;
  while (i < line.length) {
    const lt = line.indexOf("<", i);
    if (lt === -1) break;
    let j = lt + 1;
    while (j < line.length && line[j] !== "<" && line[j] !== ">" && !isSpace(line[j]!)) j++;
    if (j === lt + 1 || line[j] !== ">") {
      i = Math.max(j, lt + 1);
      continue;
    }
    let start = lt;
    while (start > done && isSpace(line[start - 1]!)) start--;
    if (start > done && line[start - 1] === '"') {
      const open = start - 2 >= done ? line.lastIndexOf('"', start - 2) : -1;
      if (open >= done) start = open;
    } else {
      while (start > done && !NAME_STOPS.includes(line[start - 1]!)) start--;
    }
    out += `${line.slice(done, start)} ${line.slice(lt + 1, j)} `;
    done = i = j + 1;
  }
  return out + line.slice(done);
}

/**
 * Splits pasted text: one entry per line, and several on a line when separated by commas,
 * semicolons, tabs or spaces. A blank line between entries is one blank entry; the line break
 * that ends the text is not a blank line. Linear in the text's length.
 */
export function parsePastedEntries(text: string): PastedEntries {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === "") lines.pop();
  const entries: string[] = [];
  let blankLines = 0;
  for (const line of lines) {
    const tokens = replaceDisplayNames(line).split(/[\s,;]+/).filter((t) => t.length > 0);
    if (tokens.length === 0) {
      if (lines.length === 1) continue; // an empty text is no entries, not one blank line
      blankLines++;
      entries.push("");
    } else entries.push(...tokens);
  }
  return { entries, blankLines };
}

/** The first entry longer than `max` characters, with its position, or null. */
export function firstLongEntry(entries: readonly string[], max: number): { index: number; length: number } | null {
  const index = entries.findIndex((e) => e.length > max);
  return index === -1 ? null : { index, length: entries[index]!.length };
}

export type IdentityKind = "email" | "user_id";

export interface ColumnSuggestion {
  /** Index into the header (or the row), or -1 when no column holds emails or ids. */
  index: number;
  kind: IdentityKind | null;
  /** Share of the column's non-blank cells that read as that kind, 0..1. */
  share: number;
}

const SAMPLE_ROWS = 500;
const HEADER_HINTS: [RegExp, IdentityKind][] = [
  [/e-?mail|mail address|upn|user ?principal/i, "email"],
  [/user[ _-]?id|^id$/i, "user_id"],
];

/**
 * The column most likely to hold the people: the one whose values most often read as emails or
 * `user_...` ids, judged on the first rows; emails win a tie, then a header named like "Email".
 * HR exports hold several email-ish columns (manager email): the most populated one wins.
 */
export function suggestIdentityColumn(header: readonly string[], rows: readonly (readonly string[])[]): ColumnSuggestion {
  const width = Math.max(header.length, ...rows.slice(0, SAMPLE_ROWS).map((r) => r.length), 0);
  let best: ColumnSuggestion & { score: number } = { index: -1, kind: null, share: 0, score: 0 };
  for (let c = 0; c < width; c++) {
    const tally = { email: 0, user_id: 0, filled: 0 };
    for (const row of rows.slice(0, SAMPLE_ROWS)) {
      const { kind } = classifyEntry(row[c] ?? "");
      if (kind === "blank") continue;
      tally.filled++;
      if (kind === "email") tally.email++;
      else if (kind === "user_id") tally.user_id++;
    }
    const hint = HEADER_HINTS.find(([re]) => re.test(header[c] ?? ""))?.[1];
    for (const kind of ["email", "user_id"] as const) {
      const hits = tally[kind];
      if (hits === 0 && hint !== kind) continue;
      const share = tally.filled ? hits / tally.filled : 0;
      // The most hits wins; on a tie emails before ids, then a matching header name.
      const score = hits * 4 + (kind === "email" ? 2 : 0) + (hint === kind ? 1 : 0);
      if (score > best.score) best = { index: c, kind, share, score };
    }
  }
  return { index: best.index, kind: best.kind, share: best.share };
}

/** The cells of one column, one entry per data row; a missing or blank cell is a blank entry. */
export function columnEntries(rows: readonly (readonly string[])[], column: number): string[] {
  return rows.map((r) => (r[column] ?? "").trim());
}

/** "Email", or "column 3" for a headerless or unnamed column. */
export function columnLabel(header: readonly string[], column: number): string {
  const name = header[column]?.trim();
  return name ? name : `column ${column + 1}`;
}
