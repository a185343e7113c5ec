import { exportUsers } from "@/lib/export/users-route";

/* GET /api/export/users.ndjson: the users export's walk and filters, one JSON object per line. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportUsers(request, "ndjson");
}
