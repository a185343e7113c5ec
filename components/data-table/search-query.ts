/*
 * What the officer typed into a search box. Officers arrive with an email from HR, a `user_...`
 * id from a log, or a list of either (UX.md). Two or more ids/emails anywhere in the text (one
 * per line, comma separated, "Ann <ann@x.com>", a JSON array) mean "exactly these"; anything else
 * is a case-insensitive "contains".
 */

export type SearchMatcher =
  | { kind: "none" }
  | { kind: "text"; needle: string }
  | { kind: "list"; values: Set<string>; entries: string[] };

const EMAIL_RE = /^[^\s@<>()[\]"',;]+@[^\s@<>()[\]"',;]+\.[^\s@<>()[\]"',;]+$/;
// user_..., rbac_role_..., rbac_group_..., org_<uuid>: an underscore-prefixed id.
const ID_RE = /^[a-z][a-z0-9]*_[A-Za-z0-9_-]+$/i;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WRAPPERS = /^["'`<([{]+|["'`>)\]}.:]+$/g;

export function looksLikeIdOrEmail(token: string): boolean {
  return EMAIL_RE.test(token) || ID_RE.test(token) || UUID_RE.test(token);
}

/** The ids and emails in a pasted text, in order, each once (case-insensitive). */
export function extractIdsAndEmails(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;|]+/)) {
    const token = raw.replace(WRAPPERS, "");
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
