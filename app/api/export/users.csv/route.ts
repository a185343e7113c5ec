import { exportUsers } from "@/lib/export/users-route";

/* GET /api/export/users.csv (CONTRACT.md): every user of every organization, or of the `org=` ones. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportUsers(request, "csv");
}
