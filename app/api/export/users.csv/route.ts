import { exportUsers } from "@/lib/server/export/users-route";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/export/users.csv (CONTRACT.md): every user of every organization, or of the `org=` ones. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the users export", () => exportUsers(request, "csv"));
}
