import { exportDirectoryCsv } from "@/lib/server/export/directory-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/groups.xlsx: groups.csv's rows and parameters as a workbook of text cells (for spreadsheets). */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the groups export", () => exportDirectoryCsv(request, "groups", { format: "xlsx" }));
}
