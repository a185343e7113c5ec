import "server-only";
import { config } from "@/lib/server/config";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { isSyncId } from "@/lib/server/store/syncs";
import { reportOf } from "./kept-reports";
import { firstScreen } from "@/lib/server/first-screen/first-screen";
import type { PrivilegedReport } from "@/lib/shared/privileged/wire";
import { PRIVILEGED_DEFAULT_SORT, PRIVILEGED_FACET_KEYS, PRIVILEGED_WINDOW, privilegedQueryFromParams, privilegedViewParams, type PrivilegedFirstScreen } from "@/lib/shared/privileged/query-wire";
import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { requirePageSession } from "@/lib/server/session/session";
import { answerPrivilegedQuery, preparePrivilegedQuery } from "./report-query";

/*
 * The report's parameters, shared by the JSON routes, the download and the page's first screen:
 * `as_of` (a sync id: the directory then), `since` (a sync id: mark what was not there then) and,
 * for the whole-report route, `limit` (only the first rows). Validated before anything is read;
 * nothing here calls the upstream. The view of a report (search, filters, sort, window) is
 * report-query.ts's.
 */

export type ReportQuery = { asOf?: string; since?: string; limit?: number };

export const PRIVILEGED_MAX_LIMIT = 100_000;

export function parseReportQuery(params: URLSearchParams, { allowLimit = false } = {}): { ok: true; query: ReportQuery } | { ok: false; message: string } {
  const query: ReportQuery = {};
  for (const [name, key] of [["as_of", "asOf"], ["since", "since"]] as const) {
    if (params.getAll(name).length > 1) return { ok: false, message: `Query parameter "${name}" was given more than once; give it once.` };
    const v = params.get(name);
    if (v === null || v === "") continue;
    if (!isSyncId(v)) return { ok: false, message: `${name} must be the id of a sync (like sync_…); GET /api/syncs lists them.` };
    query[key] = v;
  }
  const limit = allowLimit ? params.get("limit") : null;
  if (limit !== null) {
    if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1 || Number(limit) > PRIVILEGED_MAX_LIMIT) {
      return { ok: false, message: `limit must be a whole number from 1 to ${PRIVILEGED_MAX_LIMIT.toLocaleString("en-US")} (the first rows of the report), or leave it out for every row.` };
    }
    query.limit = Number(limit);
  }
  return { ok: true, query };
}

/** The report; shared between callers, so never change it: `limit` gives a copy holding the first rows. */
export async function loadReport(query: ReportQuery, signal?: AbortSignal): Promise<PrivilegedReport> {
  const directory = await loadDirectory({ asOf: query.asOf, signal });
  const since = query.since ? await loadDirectory({ asOf: query.since, signal }) : undefined;
  const report = await reportOf(directory, config().privilegedActions, since);
  return query.limit !== undefined && query.limit < report.rows.length ? { ...report, rows: report.rows.slice(0, query.limit) } : report;
}

/** The report of a pair of syncs with its query index ready (report-query.ts). */
export async function loadQueryableReport(query: ReportQuery, signal?: AbortSignal): Promise<PrivilegedReport> {
  const report = await loadReport(query, signal);
  await preparePrivilegedQuery(report);
  return report;
}

/** On record as a view of directory/privileged (as People's answers are), or the 503 to answer instead of rows. */
export function recordPrivilegedView(actor: string, report: PrivilegedReport): Promise<Response | undefined> {
  const syncId = report.sync?.id;
  return recordViewOrRefuse({ actor, target: "directory/privileged", syncId, version: syncId ? undefined : "live", ...(report.since_sync ? { filters: { since: report.since_sync.id } } : {}) });
}

const VIEW_KEYS = new Set<string>(["q", "sort", ...PRIVILEGED_FACET_KEYS]);

/**
 * The page's first screen (lib/server/first-screen): the first window of the view the URL asks
 * for (search, filters, sort, as_of, since), on record as the query route's answers are.
 */
export async function privilegedFirstScreen(params: URLSearchParams): Promise<PrivilegedFirstScreen | null> {
  const parsed = parseReportQuery(params);
  const view = privilegedQueryFromParams(new URLSearchParams([...params].filter(([k]) => VIEW_KEYS.has(k))));
  if (!parsed.ok || !view.ok) return null;
  const { asOf, since } = parsed.query;
  const session = await requirePageSession();
  return firstScreen(
    async (signal) => {
      const report = await loadQueryableReport({ asOf, since }, signal);
      // Refused (the audit log cannot be written): no rows in the page; its own request then meets the 503.
      if (await recordPrivilegedView(session.officer.name, report)) return null;
      const query = { ...view.query, limit: PRIVILEGED_WINDOW, facets: true };
      const viewKey = privilegedViewParams({ ...query, sort: query.sort.length ? query.sort : PRIVILEGED_DEFAULT_SORT }).toString();
      return { asOf: asOf ?? null, since: since ?? null, viewKey, answer: answerPrivilegedQuery(report, query) };
    },
    { session: async () => session },
  );
}
