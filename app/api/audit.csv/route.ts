import { exportAuditLog } from "@/lib/server/export/audit-route";

/*
 * GET /api/audit.csv?from&to&actor&action&outcome&bom=1: the audit log as CSV (through lib/shared/csv),
 * oldest first. A download like any export: it needs the exporter role and is itself logged.
 */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportAuditLog(request, "csv");
}
