import { exportDirectoryCsv } from "@/lib/server/export/directory-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/groups.csv: every group of the parent (or the `group=` ones) with its members. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the groups export", () => exportDirectoryCsv(request, "groups"));
}
