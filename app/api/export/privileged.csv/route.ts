import { csvText, CSV_CONTENT_TYPE } from "@/lib/shared/csv/write";
import { auditedFileResponse, filenamePart } from "@/lib/server/export/audited-file";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import { PRIVILEGED_CSV_HEADER, privilegedCsvRow } from "@/lib/server/privileged/csv";
import { loadReport, parseReportQuery } from "@/lib/server/privileged/query";
import { requireRole } from "@/lib/server/session/session";

/*
 * GET /api/export/privileged.csv[?as_of][&since][&new_only=1]: the privileged access report as CSV
 * (exporter role), audited before the first byte with the sync, the filters, rows and SHA-256.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireRole("exporter", "privileged access download");
  if (officer instanceof Response) return officer;
  const badQuery = refuseUnexpectedQuery(request, ["as_of", "since", "new_only", "bom"]);
  if (badQuery) return badQuery;
  const params = new URL(request.url).searchParams;
  const parsed = parseReportQuery(params);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  const newOnly = params.get("new_only");
  if (newOnly !== null && newOnly !== "1") return jsonError(400, "invalid_request", "new_only takes 1, or leave it out.");
  if (newOnly && !parsed.query.since) return jsonError(400, "invalid_request", "new_only needs since=<sync id>: new since which sync?");
  try {
    const report = await loadReport(parsed.query, request.signal);
    const rows = newOnly ? report.rows.filter((r) => r.new_since) : report.rows;
    const body = csvText(PRIVILEGED_CSV_HEADER, rows.map(privilegedCsvRow), { bom: params.get("bom") === "1" });
    const syncId = report.sync?.id;
    return auditedFileResponse({
      actor: officer.name,
      target: "privileged.csv",
      filters: { as_of: parsed.query.asOf ?? null, since: parsed.query.since ?? null, new_only: Boolean(newOnly), privileged_actions: report.privileged_actions },
      syncId,
      rows: rows.length,
      body,
      contentType: CSV_CONTENT_TYPE,
      filename: `privileged-access${newOnly ? "-new" : ""}_${filenamePart(syncId ?? "live")}.csv`,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
