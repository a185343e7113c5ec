import { exportDirectoryCsv } from "@/lib/server/export/directory-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/settings.xlsx: settings.csv's rows and parameters as a workbook of text cells (for spreadsheets). */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the settings export", () => exportDirectoryCsv(request, "settings", { format: "xlsx" }));
}
