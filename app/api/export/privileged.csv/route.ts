import { csvText, CSV_CONTENT_TYPE } from "@/lib/shared/csv/write";
import { auditedFileResponse, filenamePart } from "@/lib/server/export/audited-file";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { PRIVILEGED_CSV_HEADER, privilegedCsvRow } from "@/lib/server/privileged/csv";
import { loadQueryableReport, parseReportQuery } from "@/lib/server/privileged/query";
import { matchingPrivilegedRows } from "@/lib/server/privileged/report-query";
import { requireRole } from "@/lib/server/session/session";
import { privilegedViewFromParams, privilegedViewParams } from "@/lib/shared/privileged/query-wire";

/*
 * GET /api/export/privileged.csv[?as_of][&since][&new_only=1][&bom=1][&q=&org=&source=&access=&new=&sort=]:
 * the privileged access report as CSV (exporter role), audited before the first byte with the sync,
 * the filters, rows and SHA-256. Without a view, every row in the report's order; with the page's
 * view (its search, filters and sort, the same keys as its URL), exactly the rows the page shows.
 */

export const dynamic = "force-dynamic";

const OWN = ["as_of", "since", "new_only", "bom"] as const;

export async function GET(request: Request): Promise<Response> {
  const officer = await requireRole("exporter", "privileged access download");
  if (officer instanceof Response) return officer;
  const params = new URL(request.url).searchParams;
  const rest = new URLSearchParams(params);
  for (const key of OWN) {
    if (params.getAll(key).length > 1) return jsonError(400, "invalid_request", `Query parameter "${key}" was given more than once; give it once.`);
    rest.delete(key);
  }
  const view = privilegedViewFromParams(rest, OWN.join(", "));
  if (!view.ok) return jsonError(400, "invalid_request", view.message);
  const parsed = parseReportQuery(params);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  const newOnly = params.get("new_only");
  if (newOnly !== null && newOnly !== "1") return jsonError(400, "invalid_request", "new_only takes 1, or leave it out.");
  if (newOnly && !parsed.query.since) return jsonError(400, "invalid_request", "new_only needs since=<sync id>: new since which sync?");
  try {
    const report = await loadQueryableReport(parsed.query, request.signal);
    const viewed = rest.size ? matchingPrivilegedRows(report, view.query) : report.rows;
    const rows = newOnly ? viewed.filter((r) => r.new_since) : viewed;
    const body = csvText(PRIVILEGED_CSV_HEADER, rows.map(privilegedCsvRow), { bom: params.get("bom") === "1" });
    const syncId = report.sync?.id;
    return auditedFileResponse({
      actor: officer.name,
      target: "privileged.csv",
      filters: {
        as_of: parsed.query.asOf ?? null,
        since: parsed.query.since ?? null,
        new_only: Boolean(newOnly),
        privileged_actions: report.privileged_actions,
        ...(rest.size ? { view: privilegedViewParams(view.query).toString() } : {}),
      },
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
