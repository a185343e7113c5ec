import "server-only";
import { config } from "@/lib/config";
import { loadDirectory } from "@/lib/directory/snapshot";
import { isSyncId } from "@/lib/store/syncs";
import { privilegedReport } from "./report";
import type { PrivilegedReport } from "./wire";

/*
 * The report's parameters, shared by the JSON route and the download: `as_of` (a sync id: the
 * directory then) and `since` (a sync id: mark what was not there then). Validated before anything
 * is read; nothing here calls the upstream.
 */

export type ReportQuery = { asOf?: string; since?: string };

export function parseReportQuery(params: URLSearchParams): { ok: true; query: ReportQuery } | { ok: false; message: string } {
  const query: ReportQuery = {};
  for (const [name, key] of [["as_of", "asOf"], ["since", "since"]] as const) {
    const v = params.get(name);
    if (v === null || v === "") continue;
    if (!isSyncId(v)) return { ok: false, message: `${name} must be the id of a sync (like sync_…); GET /api/syncs lists them.` };
    query[key] = v;
  }
  return { ok: true, query };
}

export async function loadReport(query: ReportQuery, signal?: AbortSignal): Promise<PrivilegedReport> {
  const directory = await loadDirectory({ asOf: query.asOf, signal });
  const since = query.since ? await loadDirectory({ asOf: query.since, signal }) : undefined;
  return privilegedReport(directory, config().privilegedActions, since);
}
