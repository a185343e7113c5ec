import "server-only";
import { auditStore } from "@/lib/server/audit/instance";
import type { AuditStore } from "@/lib/server/audit/store";
import { CSV_CONTENT_TYPE, csvFilename } from "@/lib/shared/csv/write";
import { loadDirectory, SyncNotFoundError } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { takeAsOf } from "@/lib/server/http/as-of";
import { errorResponse } from "@/lib/server/http/error-response";
import { filenamePart } from "./audited-file";
import { abortDetail } from "./audited-stream";
import { upstreamDirectory, type DirectorySource } from "./directory-source";
import { storeDirectorySource } from "./store-directory-source";
import { ExportRefusal } from "./refusal";
import { authorizeExport, exportResponse, logUnstartedExport, NDJSON_CONTENT_TYPE, rawQueryFilters, refuseExport } from "./respond";
import { selectOrganizations, usersCsvStream, usersNdjsonStream, usersXlsxStream } from "./users-export";
import { XLSX_CONTENT_TYPE } from "./xlsx-stream";
import { parseUsersExportQuery, usersExportFilters, type UsersExportFormat } from "@/lib/shared/export/users-query";

/*
 * GET /api/export/users.csv, users.xlsx and users.ndjson. Order matters: session and role, then
 * every parameter, then the organizations (so an unknown org is a 404 and an upstream failure a
 * JSON error), and only then the streamed body.
 * `as_of=<sync id>`: the same file from that complete sync in the store, with no upstream call
 * (malformed: 400; not a complete sync: 404); its audit entries carry the sync, its name says it.
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

  const params = new URLSearchParams(url.searchParams);
  const asOf = takeAsOf(params);
  if (!asOf.ok) return refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, 400, "invalid_request", asOf.message);
  const parsed = parseUsersExportQuery(params, format);
  if (!parsed.ok) return refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, 400, "invalid_request", parsed.message);
  if (asOf.asOf) parsed.query.asOf = asOf.asOf;
  const filters = usersExportFilters(parsed.query);

  let asOfDirectory: Directory | undefined;
  if (asOf.asOf) {
    try {
      asOfDirectory = await loadDirectory({ signal: request.signal, asOf: asOf.asOf });
    } catch (err) {
      if (err instanceof SyncNotFoundError) return refuseExport({ audit, actor: officer.name, target, filters }, 404, "not_found", err.message);
      await logUnstartedExport({ audit, actor: officer.name, target, filters, outcome: "failed", detail: abortDetail(err) });
      return errorResponse(err);
    }
  }
  const source = asOfDirectory ? storeDirectorySource(asOfDirectory) : (deps.source ?? upstreamDirectory());
  const syncId = asOfDirectory?.sync?.id;

  let organizations;
  try {
    organizations = await selectOrganizations(source, parsed.query.orgs, request.signal);
  } catch (err) {
    if (err instanceof ExportRefusal) return refuseExport({ audit, actor: officer.name, target, filters }, err.status, err.type, err.message);
    await logUnstartedExport({ audit, actor: officer.name, target, filters, outcome: "failed", detail: abortDetail(err) });
    return errorResponse(err);
  }

  const opts = { source, audit, actor: officer.name, organizations, query: parsed.query, syncId, signal: request.signal };
  const name = (ext: string) =>
    asOfDirectory?.sync ? `users_as-of_${asOfDirectory.sync.finishedAt.slice(0, 10)}_${filenamePart(asOfDirectory.sync.id)}.${ext}` : csvFilename("users", new Date(), ext);
  switch (format) {
    case "csv":
      return exportResponse(usersCsvStream(opts), CSV_CONTENT_TYPE, name("csv"));
    case "xlsx":
      return exportResponse(usersXlsxStream(opts), XLSX_CONTENT_TYPE, name("xlsx"));
    case "ndjson":
      return exportResponse(usersNdjsonStream(opts), NDJSON_CONTENT_TYPE, name("ndjson"));
  }
}
