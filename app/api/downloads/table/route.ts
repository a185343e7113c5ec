import { downloadTable } from "@/lib/server/downloads/table-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/*
 * POST /api/downloads/table with `{table, scope, sync, rows, ids, columns, view, format, bom}`
 * (lib/shared/downloads/table-download.ts): the chosen rows of a table as a CSV or XLSX file, built on
 * the server from that sync and audited before the first byte (exporter role, same-origin).
 */

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return withOfficerWork("a table download", () => downloadTable(request));
}
