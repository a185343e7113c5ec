/*
 * Resolving what an officer holds (emails from HR, `user_...` ids from a log, a pasted list of
 * either) against the directory. Plain functions with no server imports: the People page's paste
 * filter runs them in the browser over the rows it has, and seed lists run them on the server over
 * the snapshot, so both answer the same way.
 *
 * Rules: entries are trimmed; emails match case-insensitively (mail systems treat the local part
 * as case-insensitive in practice, and HR exports vary the case); `user_...` ids match exactly
 * (they are opaque and case-significant). Nothing is dropped: blanks, unknowns and repeats come back
 * with their own status so a caller can count and show each.
 */

import { trimEndChars, trimStartChars } from "@/lib/shared/format/trim-chars";
import { UNLIMITED, type WorkBudget } from "./work-budget";

export const USER_ID_RE = /^user_[A-Za-z0-9_-]{1,123}$/;

/**
 * One entry: far beyond any email (254) or user id (128). Checked before any pattern looks at an
 * entry, so no entry can make matching slow; the server refuses longer entries with a 400 first.
 */
export const MAX_ENTRY_LENGTH = 1_000;

export const isUserId = (s: string) => USER_ID_RE.test(s);

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Splits pasted text into raw entries: one per line, comma, semicolon or run of whitespace. */
export function splitEntries(text: string): string[] {
  return text.split(/[\s,;]+/).filter((s) => s.length > 0);
}

export type EntryKind = "email" | "user_id" | "other" | "blank";

/**
 * The value an entry stands for: surrounding quotes, angle brackets (`<jane@x.com>`) and a
 * `mailto:` prefix are what copying from mail clients adds, so they are taken off.
 */
export function classifyEntry(raw: string): { kind: EntryKind; value: string } {
  if (raw.length > MAX_ENTRY_LENGTH) return { kind: "other", value: raw };
  let v = raw.trim();
  for (;;) {
    const before = v;
    v = trimEndChars(trimStartChars(v, `"'<([`), `">)]',;.`).trim();
    if (/^mailto:/i.test(v)) v = v.slice(7).trim();
    if (v === before) break;
  }
  if (v === "") return { kind: "blank", value: "" };
  if (isUserId(v)) return { kind: "user_id", value: v };
  if (/^[^\s@]+@[^\s@]+$/.test(v)) return { kind: "email", value: normalizeEmail(v) };
  return { kind: "other", value: v };
}

export interface PersonLookup<P> {
  peopleById: ReadonlyMap<string, P>;
  /** Keys are normalized emails (`normalizeEmail`). */
  peopleByEmail: ReadonlyMap<string, readonly P[]>;
}

interface EntryBase {
  /** Position in the input, from 0. */
  index: number;
  input: string;
  kind: EntryKind;
  /** What was matched on: the id, or the lowercased email. */
  value: string;
}

export type ResolvedEntry<P> =
  | (EntryBase & { status: "matched"; people: P[] })
  | (EntryBase & { status: "unmatched"; reason: "not_found" | "not_an_email_or_id" })
  | (EntryBase & { status: "duplicate"; duplicateOf: number; reason: "same_entry" | "same_person" })
  | (EntryBase & { status: "blank" });

/**
 * One result per entry, in input order. A repeat of an earlier entry (same id, or same email in any
 * case), or an entry naming only people an earlier entry already matched (an id and that person's
 * email), is a duplicate pointing at the earlier one.
 */
export function resolveEntries<P>(lookup: PersonLookup<P>, entries: readonly string[], budget: WorkBudget = UNLIMITED): ResolvedEntry<P>[] {
  const firstByValue = new Map<string, number>();
  const firstByPerson = new Map<P, number>();
  return entries.map((input, index): ResolvedEntry<P> => {
    budget.spend();
    const { kind, value } = classifyEntry(input);
    const base = { index, input, kind, value };
    if (kind === "blank") return { ...base, status: "blank" };

    const key = `${kind}:${value}`;
    const earlier = firstByValue.get(key);
    if (earlier !== undefined) return { ...base, status: "duplicate", duplicateOf: earlier, reason: "same_entry" };
    firstByValue.set(key, index);

    if (kind === "other") return { ...base, status: "unmatched", reason: "not_an_email_or_id" };
    const found = kind === "user_id" ? lookup.peopleById.get(value) : undefined;
    const people: P[] = kind === "user_id" ? (found ? [found] : []) : [...(lookup.peopleByEmail.get(value) ?? [])];
    if (people.length === 0) return { ...base, status: "unmatched", reason: "not_found" };

    const fresh = people.filter((p) => !firstByPerson.has(p));
    if (fresh.length === 0) {
      return { ...base, status: "duplicate", duplicateOf: firstByPerson.get(people[0]!)!, reason: "same_person" };
    }
    for (const p of fresh) firstByPerson.set(p, index);
    return { ...base, status: "matched", people };
  });
}

export interface ResolutionCounts {
  entries: number;
  blank: number;
  matched: number;
  unmatched: number;
  duplicate: number;
  /** Distinct people matched. */
  people: number;
}

export function countResolution<P>(results: readonly ResolvedEntry<P>[]): ResolutionCounts {
  const people = new Set<P>();
  const c: ResolutionCounts = { entries: results.length, blank: 0, matched: 0, unmatched: 0, duplicate: 0, people: 0 };
  for (const r of results) {
    c[r.status]++;
    if (r.status === "matched") for (const p of r.people) people.add(p);
  }
  c.people = people.size;
  return c;
}
