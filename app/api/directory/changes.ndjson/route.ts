import { downloadChanges } from "@/lib/server/changes/changes-download";
import { withOfficerWork } from "@/lib/server/http/officer-work";

/* GET /api/directory/changes.ndjson?from&to[&kind&org&group&role&person&q&widens]: the Changes page's view, audited. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the changes download", () => downloadChanges(request, "ndjson"));
}
