import { exportUsers } from "@/lib/server/export/users-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/users.ndjson: the users export's walk and filters, one JSON object per line. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the users export", () => exportUsers(request, "ndjson"));
}
