import "server-only";
import { auditStore } from "@/lib/server/audit/instance";
import { parseAuditQuery } from "@/lib/server/audit/query";
import { CSV_CONTENT_TYPE, csvFilename } from "@/lib/shared/csv/write";
import { auditCsvStream, auditXlsxStream } from "./audit-csv";
import { authorizeExport, exportResponse, rawQueryFilters, refuseExport } from "./respond";
import { XLSX_CONTENT_TYPE } from "./xlsx-stream";

/*
 * GET /api/audit.csv and /api/audit.xlsx ?from&to&actor&action&outcome&bom=1: the audit log,
 * oldest first. A download like any export: it needs the exporter role and is itself logged.
 * `bom` is accepted by both (one link form) and changes only the CSV.
 */

export async function exportAuditLog(request: Request, format: "csv" | "xlsx"): Promise<Response> {
  const target = `audit.${format}`;
  const url = new URL(request.url);
  const officer = await authorizeExport(auditStore, target, url);
  if (officer instanceof Response) return officer;

  const audit = auditStore();
  const params = new URLSearchParams(url.searchParams);
  const boms = params.getAll("bom");
  params.delete("bom");
  const refuse = (message: string) => refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, 400, "invalid_request", message);
  if (boms.length > 1 || (boms[0] !== undefined && boms[0] !== "1" && boms[0] !== "0")) return refuse("bom takes 1 (add a byte-order mark for Excel) or 0.");
  const parsed = parseAuditQuery(params, { paged: false });
  if (!parsed.ok) return refuse(parsed.message);

  const opts = { audit, actor: officer.name, filter: parsed.query, bom: boms[0] === "1", signal: request.signal };
  return format === "xlsx"
    ? exportResponse(auditXlsxStream(opts), XLSX_CONTENT_TYPE, csvFilename("audit", new Date(), "xlsx"))
    : exportResponse(auditCsvStream(opts), CSV_CONTENT_TYPE, csvFilename("audit"));
}
