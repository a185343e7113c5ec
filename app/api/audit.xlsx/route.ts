import { exportAuditLog } from "@/lib/server/export/audit-route";

/* GET /api/audit.xlsx: the audit log as audit.csv holds it, as a workbook of text cells (for spreadsheets). */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportAuditLog(request, "xlsx");
}
