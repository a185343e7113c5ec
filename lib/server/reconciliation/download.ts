import "server-only";
import { csvText, CSV_CONTENT_TYPE } from "@/lib/shared/csv/write";
import { auditedFileResponse, filenamePart } from "@/lib/server/export/audited-file";
import { jsonError } from "@/lib/server/http/error-response";
import { combinedRows, COMBINED_HEADER, RECONCILIATION_LIST_HEADER, reconciliationListRows } from "./csv";
import type { BulkResponse, GroupReconciliation, ReconcileResponse, ReconciliationDownload } from "@/lib/shared/reconciliation/schema";
import type { ReconciliationRun, SavedReconciliationMeta } from "@/lib/shared/reconciliation/saved-schema";

/*
 * A reconciliation's lists as a file (issue 10 item 2). The browser posts the same input again with
 * `download`; the route runs the reconciliation again on the server and this builds the file from
 * that result (never from rows the browser sends), on record before the first byte with the
 * directory it was run against. If a sync completed in between, the file is of the newer directory,
 * and its name and audit entry say which.
 */

function fileFor(result: GroupReconciliation, list: ReconciliationDownload["list"]) {
  return list === "all"
    ? { header: COMBINED_HEADER, rows: combinedRows([result]) }
    : { header: RECONCILIATION_LIST_HEADER, rows: reconciliationListRows(result[list]) };
}

const slug = (s: string) => filenamePart(s.toLowerCase()) || "group";

function respond(actor: string, target: string, out: { directory_built_at: string; sync_id?: string; expected_from: string }, list: string, base: string, header: readonly string[], rows: string[][]): Promise<Response> {
  const when = out.sync_id ?? `built-${out.directory_built_at.slice(0, 19).replace(/[^0-9T]/g, "")}`;
  return auditedFileResponse({
    actor,
    target,
    filters: { list, expected_from: out.expected_from, directory_built_at: out.directory_built_at },
    syncId: out.sync_id,
    rows: rows.length,
    body: csvText(header, rows),
    contentType: CSV_CONTENT_TYPE,
    filename: `${base}_${list.replaceAll("_", "-")}_${out.directory_built_at.slice(0, 10)}_${filenamePart(when)}.csv`,
  });
}

export async function singleReconciliationFile(actor: string, out: ReconcileResponse, download: ReconciliationDownload): Promise<Response> {
  if (download.group_id !== undefined && download.group_id !== out.result.group.id) {
    return jsonError(400, "invalid_request", "download.group_id must be the reconciled group's id (or left out).");
  }
  const { header, rows } = fileFor(out.result, download.list);
  return respond(actor, `reconciliation:group:${out.result.group.id}.csv`, out, download.list, `reconciliation_${slug(out.result.group.name)}`, header, rows);
}

export async function bulkReconciliationFile(actor: string, out: BulkResponse, download: ReconciliationDownload): Promise<Response> {
  if (download.group_id === undefined) {
    if (download.list !== "all") return jsonError(400, "invalid_request", "A bulk review downloads one group's list (download.group_id) or the combined file (list \"all\").");
    return respond(actor, "reconciliation:bulk.csv", out, "all", "access-review", COMBINED_HEADER, combinedRows(out.results, out.unknown_groups));
  }
  const result = out.results.find((r) => r.group.id === download.group_id);
  if (!result) return jsonError(404, "not_found", `The review has no group ${download.group_id}: run it again and pick a group from its results.`);
  const { header, rows } = fileFor(result, download.list);
  return respond(actor, `reconciliation:bulk:group:${result.group.id}.csv`, out, download.list, `access-review_${slug(result.group.name)}`, header, rows);
}

/**
 * A kept run of a saved reconciliation as a file: built from the run the store keeps (what the
 * officer sees on the page, read against the sync the run names), not run again, so the file is
 * the record of that run however the directory has moved since.
 */
export function savedRunFile(actor: string, meta: SavedReconciliationMeta, run: ReconciliationRun, list: ReconciliationDownload["list"]): Promise<Response> {
  const { header, rows } = fileFor(run.result, list);
  const out = { directory_built_at: run.directory_built_at, sync_id: run.sync_id, expected_from: meta.expected_from };
  return respond(actor, `reconciliation:${meta.id}#${run.number}.csv`, out, list, `reconciliation_${slug(meta.name)}_run-${run.number}`, header, rows);
}
