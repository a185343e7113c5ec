import "server-only";
import { auditStore } from "@/lib/audit/instance";
import type { AuditStore } from "@/lib/audit/store";
import { CSV_CONTENT_TYPE, csvFilename } from "@/lib/csv/write";
import { errorResponse } from "@/lib/http/error-response";
import { abortDetail } from "./audited-stream";
import { upstreamDirectory, type DirectorySource } from "./directory-source";
import { ExportRefusal } from "./refusal";
import { authorizeExport, exportResponse, logUnstartedExport, NDJSON_CONTENT_TYPE, rawQueryFilters, refuseExport } from "./respond";
import { selectOrganizations, usersCsvStream, usersNdjsonStream, usersXlsxStream } from "./users-export";
import { XLSX_CONTENT_TYPE } from "./xlsx-stream";
import { parseUsersExportQuery, usersExportFilters, type UsersExportFormat } from "./users-query";

/*
 * GET /api/export/users.csv, users.xlsx and users.ndjson. Order matters: session and role, then
 * every parameter, then the organizations (so an unknown org is a 404 and an upstream failure a
 * JSON error), and only then the streamed body.
 */
export async function exportUsers(
  request: Request,
  format: UsersExportFormat,
  deps: { source?: DirectorySource; audit?: AuditStore } = {},
): Promise<Response> {
  const target = `users.${format}`;
  const url = new URL(request.url);
  const officer = await authorizeExport(() => deps.audit ?? auditStore(), target, url);
  if (officer instanceof Response) return officer;

  const audit = deps.audit ?? auditStore();
  const source = deps.source ?? upstreamDirectory();

  const parsed = parseUsersExportQuery(url.searchParams, format);
  if (!parsed.ok) return refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, 400, "invalid_request", parsed.message);
  const filters = usersExportFilters(parsed.query);

  let organizations;
  try {
    organizations = await selectOrganizations(source, parsed.query.orgs, request.signal);
  } catch (err) {
    if (err instanceof ExportRefusal) return refuseExport({ audit, actor: officer.name, target, filters }, err.status, err.type, err.message);
    await logUnstartedExport({ audit, actor: officer.name, target, filters, outcome: "failed", detail: abortDetail(err) });
    return errorResponse(err);
  }

  const opts = { source, audit, actor: officer.name, organizations, query: parsed.query, signal: request.signal };
  switch (format) {
    case "csv":
      return exportResponse(usersCsvStream(opts), CSV_CONTENT_TYPE, csvFilename("users"));
    case "xlsx":
      return exportResponse(usersXlsxStream(opts), XLSX_CONTENT_TYPE, csvFilename("users", new Date(), "xlsx"));
    case "ndjson":
      return exportResponse(usersNdjsonStream(opts), NDJSON_CONTENT_TYPE, csvFilename("users", new Date(), "ndjson"));
  }
}
