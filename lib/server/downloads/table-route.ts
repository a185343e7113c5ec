import "server-only";
import type { AuditStore } from "@/lib/server/audit/store";
import { csvText, CSV_CONTENT_TYPE, type CsvCell } from "@/lib/shared/csv/write";
import { loadDirectory, SyncNotFoundError } from "@/lib/server/directory/snapshot";
import { auditedFileResponse, filenamePart } from "@/lib/server/export/audited-file";
import { xlsxChunks, XLSX_CONTENT_TYPE } from "@/lib/server/export/xlsx-stream";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { acceptJsonPost } from "@/lib/server/http/json-post";
import { isSyncId } from "@/lib/server/store/syncs";
import { trimChars } from "@/lib/shared/format/trim-chars";
import { matchingPeopleIds, preparePeopleQuery } from "@/lib/server/directory/people-query";
import { peopleQueryFromParams, type PeopleQuery } from "@/lib/shared/directory/people-query-wire";
import { TABLE_SCOPE, tableDownloadRequestSchema, type TableDownloadRequest } from "@/lib/shared/downloads/table-download";
import { checkColumns, tableRows } from "./table-rows";

/*
 * POST /api/downloads/table: one table's rows as a CSV or XLSX file, built whole on the server from
 * the sync the table showed, and on record (officer, table, scope, view, rows, SHA-256, sync) before
 * the first byte. Exporter role, same-origin only (acceptJsonPost).
 */

/** Every posted id and every cell: 200,000 user ids of ~40 bytes fit with room. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

async function xlsxBytes(sheet: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  async function* once() {
    yield { cells: rows };
  }
  for await (const chunk of xlsxChunks(sheet, header, once())) if ("bytes" in chunk) parts.push(chunk.bytes);
  return Buffer.concat(parts);
}

/** "Acme Labs, Inc." -> "acme-labs-inc": letters and digits in runs joined by single dashes. */
function slug(name: string): string {
  return trimChars(name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-"), "-").slice(0, 40);
}

function fileName(req: TableDownloadRequest, scopeName: string | undefined, syncId: string, syncDate: string): string {
  const which = req.rows === "selected" ? "selected" : req.view.length > 0 ? "filtered" : "all";
  const parts = [req.table.replaceAll("_", "-"), scopeName ? slug(scopeName) : "", which, syncDate.slice(0, 10), filenamePart(syncId)];
  return `${parts.filter(Boolean).join("_")}.${req.format}`;
}

export async function downloadTable(request: Request, deps: { audit?: AuditStore } = {}): Promise<Response> {
  const post = await acceptJsonPost(request, tableDownloadRequestSchema, { role: "exporter", purpose: "table download", maxBytes: MAX_BODY_BYTES });
  if (!post.ok) return post.response;
  const { officer, data: req } = post;

  const needed = TABLE_SCOPE[req.table];
  for (const key of ["org", "group", "role"] as const) {
    if (needed.includes(key) && !req.scope[key]) return jsonError(400, "invalid_request", `The ${req.table} table needs scope.${key}.`);
    if (!needed.includes(key) && req.scope[key]) return jsonError(400, "invalid_request", `The ${req.table} table takes no scope.${key}.`);
  }
  const badColumn = checkColumns(req.table, req.columns);
  if (badColumn) return jsonError(400, "invalid_request", badColumn);
  if (!isSyncId(req.sync)) return jsonError(400, "invalid_request", `sync must be the id of the sync the table shows (like sync_mf3k2x1a_0123456789ab); "${req.sync.slice(0, 40)}" is not one.`);
  let query: PeopleQuery | undefined;
  if (req.query !== undefined) {
    if (req.table !== "people" || req.rows !== "matching" || req.ids.length > 0) {
      return jsonError(400, "invalid_request", "query chooses People's matching rows: send it with table \"people\", rows \"matching\" and no ids.");
    }
    const parsed = peopleQueryFromParams(new URLSearchParams(req.query));
    if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
    query = parsed.query;
  } else if (req.ids.length === 0) return jsonError(400, "invalid_request", "No rows were chosen: pick at least one row.");

  let directory;
  try {
    directory = await loadDirectory({ signal: request.signal, asOf: req.sync });
  } catch (err) {
    if (err instanceof SyncNotFoundError) {
      return jsonError(409, "directory_changed", "The directory changed since this page loaded (its sync is no longer kept); reload the page and download again.");
    }
    return errorResponse(err);
  }
  const found = tableRows(directory, req.table, req.scope);
  if (!found.ok) return jsonError(found.status, found.status === 404 ? "not_found" : "invalid_request", found.message);

  // People's matching rows decided as the page decided them (lib/server/directory/people-query.ts), in its order.
  if (query) await preparePeopleQuery(directory);
  const ids = query ? matchingPeopleIds(directory, query) : req.ids;
  if (ids.length === 0) return jsonError(400, "invalid_request", "No rows match this view as of this sync: nothing to download.");
  const seen = new Set<string>();
  const body: CsvCell[][] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) return jsonError(400, "invalid_request", `Row ${id.slice(0, 60)} is listed twice; list each row once.`);
    seen.add(id);
    const cells = found.rows.get(id);
    if (!cells) unknown.push(id);
    else body.push(req.columns.map((c) => cells[c]));
  }
  if (unknown.length > 0) {
    return jsonError(
      400,
      "invalid_request",
      `${unknown.length} of the rows (${unknown.slice(0, 3).map((s) => s.slice(0, 60)).join(", ")}${unknown.length > 3 ? ", …" : ""}) are not in this table as of sync ${req.sync}. Reload the page and download again.`,
    );
  }

  const syncId = directory.sync?.id ?? req.sync;
  const file = req.format === "csv" ? csvText(req.columns, body, { bom: req.bom }) : await xlsxBytes(req.table, req.columns, body);
  return auditedFileResponse({
    actor: officer.name,
    target: `table:${req.table}.${req.format}`,
    filters: {
      table: req.table,
      ...(Object.keys(req.scope).length > 0 ? { scope: req.scope } : {}),
      ...(found.scopeName ? { scope_name: found.scopeName } : {}),
      rows: req.rows,
      view: req.view,
      columns: req.columns,
      ...(req.format === "csv" && req.bom ? { bom: true } : {}),
    },
    syncId,
    rows: body.length,
    body: file,
    contentType: req.format === "csv" ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    filename: fileName(req, found.scopeName, syncId, directory.sync?.finishedAt ?? new Date().toISOString()),
    audit: deps.audit,
  });
}
