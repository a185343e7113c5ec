import { exportUsers } from "@/lib/server/export/users-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/users.xlsx: users.csv's rows and parameters as a workbook of text cells (for spreadsheets). */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the users export", () => exportUsers(request, "xlsx"));
}
