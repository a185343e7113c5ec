import { auditStore } from "@/lib/audit/instance";
import { parseAuditQuery } from "@/lib/audit/query";
import { CSV_CONTENT_TYPE, csvFilename } from "@/lib/csv/write";
import { auditCsvStream } from "@/lib/export/audit-csv";
import { authorizeExport, exportResponse, rawQueryFilters, refuseExport } from "@/lib/export/respond";

/*
 * GET /api/audit.csv?from&to&actor&action&outcome&bom=1: the audit log as CSV (through lib/csv),
 * oldest first. A download like any export: it needs the exporter role and is itself logged.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const officer = await authorizeExport(auditStore, "audit.csv", url);
  if (officer instanceof Response) return officer;

  const audit = auditStore();
  const params = new URLSearchParams(url.searchParams);
  const boms = params.getAll("bom");
  params.delete("bom");
  const refuse = (message: string) => refuseExport({ audit, actor: officer.name, target: "audit.csv", filters: rawQueryFilters(url) }, 400, "invalid_request", message);
  if (boms.length > 1 || (boms[0] !== undefined && boms[0] !== "1" && boms[0] !== "0")) return refuse("bom takes 1 (add a byte-order mark for Excel) or 0.");
  const parsed = parseAuditQuery(params, { paged: false });
  if (!parsed.ok) return refuse(parsed.message);

  const body = auditCsvStream({ audit, actor: officer.name, filter: parsed.query, bom: boms[0] === "1", signal: request.signal });
  return exportResponse(body, CSV_CONTENT_TYPE, csvFilename("audit"));
}
