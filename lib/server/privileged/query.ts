import "server-only";
import { config } from "@/lib/server/config";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { isSyncId } from "@/lib/server/store/syncs";
import { reportOf } from "./kept-reports";
import { firstScreen } from "@/lib/server/first-screen/first-screen";
import { PRIVILEGED_FIRST_ROWS, type PrivilegedFirstScreen, type PrivilegedReport } from "@/lib/shared/privileged/wire";

/*
 * The report's parameters, shared by the JSON route, the download and the page's first screen:
 * `as_of` (a sync id: the directory then), `since` (a sync id: mark what was not there then) and,
 * for the JSON route, `limit` (send only the first rows, the part of the table that paints first).
 * Validated before anything is read; nothing here calls the upstream.
 */

export type ReportQuery = { asOf?: string; since?: string; limit?: number };

export const PRIVILEGED_MAX_LIMIT = 100_000;

export function parseReportQuery(params: URLSearchParams, { allowLimit = false } = {}): { ok: true; query: ReportQuery } | { ok: false; message: string } {
  const query: ReportQuery = {};
  for (const [name, key] of [["as_of", "asOf"], ["since", "since"]] as const) {
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

/** The page's first screen (lib/server/first-screen): the counts and the top rows of the view the URL asks for. */
export async function privilegedFirstScreen(params: URLSearchParams): Promise<PrivilegedFirstScreen | null> {
  const parsed = parseReportQuery(params);
  if (!parsed.ok) return null;
  const { asOf, since } = parsed.query;
  return firstScreen(async (signal) => ({ asOf: asOf ?? null, since: since ?? null, report: await loadReport({ asOf, since, limit: PRIVILEGED_FIRST_ROWS }, signal) }));
}

