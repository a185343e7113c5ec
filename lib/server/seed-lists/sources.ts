import "server-only";
import { createHash } from "node:crypto";
import { readCsv } from "@/lib/shared/csv/read";
import { classifyEntry } from "@/lib/shared/directory/entries";
import type { Directory } from "@/lib/shared/directory/types";
import { columnEntries, columnLabel, firstLongEntry, parsePastedEntries } from "@/lib/shared/seed-lists/input";
import { MAX_ENTRY_LENGTH, MAX_SEED_ENTRIES, type SourceInput, type SourceRecord } from "@/lib/shared/seed-lists/schema";

/*
 * Sources as the page sends them, reduced to what a saved list keeps: the raw entries and where
 * they came from. CSV files are read here with lib/shared/csv (encoding, size and row checks), whatever
 * the browser already checked; a group's members are taken from the directory snapshot at the
 * moment of saving, so the list keeps the people who were in it then.
 */

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an uploaded file, from its base64 text; a SourceError when it is not base64. */
export function decodeUpload(filename: string, base64: string): Buffer {
  const compact = base64.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !BASE64_RE.test(compact)) throw new SourceError(`The upload ${filename} did not arrive intact (its content is not base64). Upload it again.`);
  return Buffer.from(compact, "base64");
}

/**
 * Refuses a source holding an entry longer than any email or user id, naming where it is: what
 * was pasted is not a list (a document, a blob), and no entry reaches a pattern at that length.
 */
export function refuseLongEntries(entries: readonly string[], where: string, unit: "entry" | "row" | "record" = "entry"): void {
  const long = firstLongEntry(entries, MAX_ENTRY_LENGTH);
  if (!long) return;
  const n = (k: number) => k.toLocaleString("en-US");
  throw new SourceError(
    `${where}: ${unit} ${n(long.index + 1)} is ${n(long.length)} characters long; an entry is at most ${n(MAX_ENTRY_LENGTH)} characters (an email address or a user id). Check that it is a list of emails or user ids, one per line or separated by commas.`,
  );
}

export function csvSourceRecord(input: Extract<SourceInput, { kind: "csv" }>): Extract<SourceRecord, { kind: "csv" }> {
  const bytes = decodeUpload(input.filename, input.content_base64);
  const read = readCsv(bytes, { header: input.header ?? true, maxRows: MAX_SEED_ENTRIES });
  if (!read.ok) throw new SourceError(`${input.filename}: ${read.message}`);
  const width = Math.max(read.header.length, ...read.rows.map((r) => r.length));
  if (input.column >= width) throw new SourceError(`${input.filename} has ${width} column${width === 1 ? "" : "s"}; column ${input.column + 1} does not exist. Pick the column that holds the emails or user ids.`);
  const entries = columnEntries(read.rows, input.column);
  const label = columnLabel(read.header, input.column);
  refuseLongEntries(entries, `${input.filename}, column ${label}`, "row");
  // A column of names (or formulas) would resolve to nothing after a whole directory walk: say so now.
  if (entries.some((e) => e !== "") && !entries.some(isPersonRef)) {
    throw new SourceError(`${input.filename}: ${label} holds no email addresses or user ids. Pick the column that holds them (like ada@example.com or user_01...).`);
  }
  return {
    kind: "csv",
    filename: input.filename,
    column: input.column,
    column_name: label,
    rows: read.rows.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    entries,
  };
}

/** An entry that can name a person: an email address or a user id. */
export function isPersonRef(entry: string): boolean {
  const { kind } = classifyEntry(entry);
  return kind === "email" || kind === "user_id";
}

/**
 * Every source that needs no directory (pasted text, files, selections) as its record, checked
 * before the directory is loaded so a bad file costs no upstream call; groups are left as null
 * for `withGroupMembers`. A SourceError names the first source that cannot be read.
 */
export function readSources(inputs: readonly SourceInput[]): (SourceRecord | null)[] {
  const records = inputs.map((input): SourceRecord | null => {
    switch (input.kind) {
      case "paste": {
        const { entries, blankLines } = parsePastedEntries(input.text);
        refuseLongEntries(entries, "The pasted text");
        return { kind: "paste", entries, blank_lines: blankLines };
      }
      case "csv":
        return csvSourceRecord(input);
      case "selection":
        return { kind: "selection", label: input.label?.trim() || "another table", entries: input.entries };
      case "group":
        return null;
    }
  });
  checkTotal(records);
  if (records.every((r) => r !== null)) checkNotEmpty(records);
  return records;
}

/** The records with each group's members (as the snapshot holds them now) filled in. */
export function withGroupMembers(
  inputs: readonly SourceInput[],
  partial: readonly (SourceRecord | null)[],
  directory: Pick<Directory, "groupsById">,
): SourceRecord[] {
  const records = inputs.map((input, i): SourceRecord => {
    const done = partial[i];
    if (done) return done;
    if (input.kind !== "group") throw new Error("source without a record");
    const g = directory.groupsById.get(input.group_id);
    if (!g) throw new SourceError(`There is no group ${input.group_id} in the directory. Refresh the directory if it was created just now.`);
    return { kind: "group", group_id: g.group.id, group_name: g.group.name, entries: g.members.map((m) => m.user_id) };
  });
  checkTotal(records);
  checkNotEmpty(records);
  return records;
}

function checkNotEmpty(records: readonly (SourceRecord | null)[]): void {
  if (records.every((r) => r!.entries.every((e) => e.trim() === ""))) {
    throw new SourceError("The list is empty: paste emails or user ids, upload a CSV file, or add a group with members.");
  }
}

function checkTotal(records: readonly (SourceRecord | null)[]): void {
  const total = records.reduce((n, r) => n + (r?.entries.length ?? 0), 0);
  if (total > MAX_SEED_ENTRIES) {
    throw new SourceError(`The list holds ${total.toLocaleString("en-US")} entries; the limit is ${MAX_SEED_ENTRIES.toLocaleString("en-US")}. Split it into smaller lists.`);
  }
}
