import { parseSearch, type SearchMatcher } from "@/lib/shared/data-table/search-query";
import { sortParamText } from "@/lib/shared/data-table/server-query-params";
import { emailDomain } from "@/lib/shared/format/email";
import { PEOPLE_FACET_KEYS, type PeopleFacet, type PeopleQuery, type PeopleQueryAnswer, type PeopleQueryRow } from "./people-query-wire";

/*
 * A narrower People view answered from a wider one's first window, in the tab, while the server
 * answers it. The server lists a view's matches in one global order (the sort, ties in the
 * directory's order) and a window from offset 0 is the first matches in that order. A view that
 * only narrows (a search extended with more letters, a facet value required) keeps a subset of
 * those people, in the same order; so the wider window's people passing the narrower view are
 * exactly the narrower view's first matches, up to where the wider window ends. The rows shown are
 * then the server's rows, only fewer of them; how many match in all is known when the held window
 * held every match of the wider view, and otherwise comes with the server's answer.
 */

export type PeopleView = Pick<PeopleQuery, "q" | "sort" | PeopleFacet>;

/** The values a row holds for each facet, as the server's People index reads them from a person. */
const heldBy: Record<PeopleFacet, (r: PeopleQueryRow) => readonly string[]> = {
  org: (r) => r.memberships.map((m) => m.organization),
  role: (r) => r.memberships.map((m) => m.role),
  rbac: (r) => r.roles,
  group: (r) => r.groups.map((g) => g.id),
  action: (r) => r.actions,
  domain: (r) => [emailDomain(r.email)],
};

/** Every row matching `next` also matches `prev` (a pasted list is never narrowed: it is exact ids, not a contains). */
function searchNarrows(prev: SearchMatcher, next: SearchMatcher): boolean {
  if (prev.kind === "list" || next.kind === "list") return false;
  if (prev.kind === "none") return true;
  return next.kind === "text" && next.needle.includes(prev.needle);
}

/** A facet keeps rows holding any chosen value: choosing among the values already chosen (or choosing some where none were) narrows. */
function facetNarrows(prev: readonly string[], next: readonly string[]): boolean {
  if (prev.length === 0) return true;
  return next.length > 0 && next.every((v) => prev.includes(v));
}

const sameValues = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));

export interface NarrowedWindow {
  /** The answer with only the rows passing the narrower view; `matched` is theirs when `complete`, a lower bound otherwise. */
  answer: PeopleQueryAnswer;
  /** The held window held every match of the wider view, so these rows are every match of the narrower one. */
  complete: boolean;
}

/** `next`'s first rows from `prev`'s answer, or undefined when `next` does not narrow `prev` (or the answer is not a first window). */
export function narrowPeopleWindow(prev: { view: PeopleView; answer: PeopleQueryAnswer }, next: PeopleView): NarrowedWindow | undefined {
  const { answer } = prev;
  if (answer.offset !== 0) return undefined;
  if (sortParamText(prev.view.sort) !== sortParamText(next.sort)) return undefined;
  // A row's grants name the actions the view filters on: another action filter changes the rows themselves.
  if (!sameValues(prev.view.action, next.action)) return undefined;
  const search = parseSearch(next.q);
  if (!searchNarrows(parseSearch(prev.view.q), search)) return undefined;
  if (!PEOPLE_FACET_KEYS.every((k) => facetNarrows(prev.view[k], next[k]))) return undefined;

  const needle = search.kind === "text" ? search.needle : null;
  const facets = PEOPLE_FACET_KEYS.filter((k) => next[k].length > 0);
  const rows = answer.rows.filter(
    (r) =>
      (needle === null || r.full_name.toLowerCase().includes(needle) || r.email.toLowerCase().includes(needle) || r.id.toLowerCase().includes(needle)) &&
      facets.every((k) => heldBy[k](r).some((v) => next[k].includes(v))),
  );
  const complete = answer.matched <= answer.rows.length;
  const { facets: _counts, list: _list, ids: _ids, options: _options, ...rest } = answer;
  return { answer: { ...rest, rows, matched: rows.length }, complete };
}
