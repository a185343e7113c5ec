/*
 * What the officer typed into a search box. Officers arrive with an email from HR, a `user_...`
 * id from a log, or a list of either (UX.md). Two or more ids/emails anywhere in the text (one
 * per line, comma separated, "Ann <ann@x.com>", a JSON array) mean "exactly these"; anything else
 * is a case-insensitive "contains".
 */

import { trimEndChars, trimStartChars } from "@/lib/shared/format/trim-chars";

export type SearchMatcher =
  | { kind: "none" }
  | { kind: "text"; needle: string }
  | { kind: "list"; values: Set<string>; entries: string[] };

// local@domain with a dot inside the domain, none of these characters anywhere. Checked without a
// pattern that could backtrack over the domain (officers paste long text here).
const EMAIL_PART_RE = /^[^\s@<>()[\]"',;]+$/;
// user_..., rbac_role_..., rbac_group_..., org_<uuid>: an underscore-prefixed id.
const ID_RE = /^[a-z][a-z0-9]*_[\w-]+$/i;
/** Longer than any email or id: not looked at. */
const MAX_TOKEN = 1_000;

function looksLikeEmail(token: string): boolean {
  const at = token.indexOf("@");
  if (at <= 0 || token.indexOf("@", at + 1) !== -1) return false;
  const domain = token.slice(at + 1);
  const dot = domain.indexOf(".", 1);
  return dot !== -1 && dot < domain.length - 1 && EMAIL_PART_RE.test(token.slice(0, at)) && EMAIL_PART_RE.test(domain);
}
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OPENERS = "\"'`<([{";
const CLOSERS = "\"'`>)]}.:";

export function looksLikeIdOrEmail(token: string): boolean {
  return token.length <= MAX_TOKEN && (looksLikeEmail(token) || ID_RE.test(token) || UUID_RE.test(token));
}

/** The ids and emails in a pasted text, in order, each once (case-insensitive). */
export function extractIdsAndEmails(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;|]+/)) {
    const token = trimEndChars(trimStartChars(raw, OPENERS), CLOSERS);
    if (!token || !looksLikeIdOrEmail(token)) continue;
    const key = token.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(token);
    }
  }
  return out;
}

export function parseSearch(text: string): SearchMatcher {
  const trimmed = text.trim();
  if (!trimmed) return { kind: "none" };
  const entries = extractIdsAndEmails(trimmed);
  if (entries.length >= 2) return { kind: "list", values: new Set(entries.map((e) => e.toLowerCase())), entries };
  return { kind: "text", needle: trimmed.toLowerCase() };
}
