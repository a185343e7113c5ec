import { exportDirectoryCsv } from "@/lib/export/directory-route";

/* GET /api/export/roles.csv: every role of every organization (or of the `org=` ones) with its permissions. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportDirectoryCsv(request, "roles");
}
