import { exportDirectoryCsv } from "@/lib/server/export/directory-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/roles.csv: every role of every organization (or of the `org=` ones) with its permissions. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the roles export", () => exportDirectoryCsv(request, "roles"));
}
