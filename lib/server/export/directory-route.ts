import "server-only";
import { auditStore } from "@/lib/server/audit/instance";
import type { AuditStore } from "@/lib/server/audit/store";
import { CSV_CONTENT_TYPE, csvFilename } from "@/lib/shared/csv/write";
import { errorResponse } from "@/lib/server/http/error-response";
import { abortDetail } from "./audited-stream";
import { directoryCsvStream, directoryXlsxStream, primeExport, type DirectoryCsvExport } from "./directory-csv";
import { upstreamDirectory, type FullDirectorySource } from "./directory-source";
import { directoryExportFilters, parseDirectoryExportQuery, type DirectoryExportKind, type DirectoryExportQuery } from "@/lib/shared/export/export-query";
import { groupsExport, selectGroups } from "./groups-export";
import { ExportRefusal } from "./refusal";
import { authorizeExport, exportResponse, logUnstartedExport, rawQueryFilters, refuseExport } from "./respond";
import { rolesExport } from "./roles-export";
import { settingsExport } from "./settings-export";
import { selectOrganizations } from "./users-export";
import { XLSX_CONTENT_TYPE } from "./xlsx-stream";

/*
 * GET /api/export/roles.csv, groups.csv and settings.csv, and each one's .xlsx (same parameters,
 * text cells, `bom` ignored). The same order as users.csv: session
 * and role, then every parameter (a bad one is a 400 before any upstream call), then what the
 * filters name (an unknown organization or group is a 404) and the first rows (an upstream that
 * refuses at once is a JSON error), and only then the streamed, audited body.
 */

async function prepare(kind: DirectoryExportKind, source: FullDirectorySource, query: DirectoryExportQuery, signal: AbortSignal): Promise<DirectoryCsvExport> {
  switch (kind) {
    case "roles":
      return rolesExport({ source, query, organizations: await selectOrganizations(source, query.orgs, signal) });
    case "settings":
      return settingsExport({ source, query, organizations: await selectOrganizations(source, query.orgs, signal) });
    case "groups":
      return groupsExport({ source, query, groups: query.groups.length > 0 ? await selectGroups(source, query.groups, signal) : undefined });
  }
}

export async function exportDirectoryCsv(
  request: Request,
  kind: DirectoryExportKind,
  deps: { source?: FullDirectorySource; audit?: AuditStore; format?: "csv" | "xlsx" } = {},
): Promise<Response> {
  const format = deps.format ?? "csv";
  const target = `${kind}.${format}`;
  const url = new URL(request.url);
  const officer = await authorizeExport(() => deps.audit ?? auditStore(), target, url);
  if (officer instanceof Response) return officer;

  const audit = deps.audit ?? auditStore();
  const source = deps.source ?? upstreamDirectory();

  const parsed = parseDirectoryExportQuery(url.searchParams, kind);
  if (!parsed.ok) return refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, 400, "invalid_request", parsed.message);
  const filters = directoryExportFilters(format === "xlsx" ? { ...parsed.query, bom: false } : parsed.query);

  let exp: DirectoryCsvExport;
  try {
    exp = await primeExport(await prepare(kind, source, parsed.query, request.signal), request.signal);
  } catch (err) {
    if (err instanceof ExportRefusal) return refuseExport({ audit, actor: officer.name, target, filters }, err.status, err.type, err.message);
    if (request.signal.aborted) {
      // The officer cancelled (or left) while the first rows were being read: not a failure of the export.
      await audit
        .append({ actor: officer.name, action: "export", target, filters, rows: 0, bytes: 0, outcome: "aborted", detail: "the download was cancelled before its first row" })
        .catch((e) => console.error("audit log write failed for a cancelled export:", e instanceof Error ? e.message : e));
      return errorResponse(err);
    }
    await logUnstartedExport({ audit, actor: officer.name, target, filters, outcome: "failed", detail: abortDetail(err) });
    return errorResponse(err);
  }

  if (format === "xlsx") {
    const body = directoryXlsxStream(exp, { audit, actor: officer.name, signal: request.signal });
    return exportResponse(body, XLSX_CONTENT_TYPE, csvFilename(kind, new Date(), "xlsx"));
  }
  const body = directoryCsvStream(exp, { audit, actor: officer.name, bom: parsed.query.bom, signal: request.signal });
  return exportResponse(body, CSV_CONTENT_TYPE, csvFilename(kind));
}
