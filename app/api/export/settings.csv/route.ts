import { exportDirectoryCsv } from "@/lib/server/export/directory-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/settings.csv: the enforced settings of every organization (or of the `org=` ones), one row per setting. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the settings export", () => exportDirectoryCsv(request, "settings"));
}
