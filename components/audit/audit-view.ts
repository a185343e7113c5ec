import { createLoader, createParser, parseAsString } from "nuqs";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/shared/audit/entry";
import { localDayEnd, localDayStart } from "@/lib/browser/format/dates";

/*
 * The Audit page's view, as the URL holds it: `actor`, `action`, `outcome`, and `from`/`to` as
 * calendar days in the officer's time zone (both inclusive). The API and the CSV download take
 * instants, so the days become the first and last millisecond of those days where the officer is.
 */

export interface AuditView {
  actor: string;
  action: string;
  outcome: string;
  /** YYYY-MM-DD in the officer's time zone, or "". */
  from: string;
  to: string;
}

/** A calendar day that exists, else absent. */
const auditDay = createParser({
  parse: (raw: string) => (localDayStart(raw) !== null ? raw : null),
  serialize: (day: string) => day,
}).withDefault("");

/** One of the values the log knows, else absent. */
function oneOf(values: readonly string[]) {
  return createParser({ parse: (raw: string) => (values.includes(raw) ? raw : null), serialize: (value: string) => value }).withDefault("");
}

/** The view's keys and how each is read; a value the page cannot use reads as "any". */
export const auditViewParsers = {
  // Untrimmed: the Who box writes what is typed, spaces between words included.
  actor: parseAsString.withDefault(""),
  action: oneOf(AUDIT_ACTIONS),
  outcome: oneOf(AUDIT_OUTCOMES),
  from: auditDay,
  to: auditDay,
};

export const auditViewFromParams: (params: URLSearchParams) => AuditView = createLoader(auditViewParsers);

/** The view as the audit routes' filters (`lib/server/audit/query.ts`): exact actor/action/outcome, `to` exclusive. */
export function auditFilterParams(view: AuditView): Record<string, string> {
  const q: Record<string, string> = {};
  if (view.actor.trim()) q.actor = view.actor.trim();
  if (view.action) q.action = view.action;
  if (view.outcome) q.outcome = view.outcome;
  const from = view.from ? localDayStart(view.from) : null;
  const toEnd = view.to ? localDayEnd(view.to) : null;
  if (from !== null) q.from = new Date(from).toISOString();
  if (toEnd !== null) q.to = new Date(toEnd + 1).toISOString();
  return q;
}

/** A from day after the to day selects nothing; the server refuses it, so the page says so first. */
export function auditViewProblem(view: AuditView): string | null {
  if (view.from && view.to && view.from > view.to) return `"From" (${view.from}) is after "to" (${view.to}); no entry can match.`;
  return null;
}

/** `/api/audit.csv` with the same filters as the page. */
export function auditCsvHref(view: AuditView): string {
  const qs = new URLSearchParams(auditFilterParams(view)).toString();
  return `/api/audit.csv${qs ? `?${qs}` : ""}`;
}
