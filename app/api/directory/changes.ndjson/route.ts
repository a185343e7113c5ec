import { downloadChanges } from "@/lib/changes/changes-download";
import { withOfficerWork } from "@/lib/http/officer-work";

/* GET /api/directory/changes.ndjson?from&to[&kind&org&group&role&person&q&widens]: the Changes page's view, audited. */

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return withOfficerWork("the changes download", () => downloadChanges(request, "ndjson"));
}
