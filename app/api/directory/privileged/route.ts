import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import { loadReport, parseReportQuery } from "@/lib/server/privileged/query";
import { requireSession } from "@/lib/server/session/session";

/*
 * GET /api/directory/privileged[?as_of=<sync>][&since=<sync>][&limit=N]: everyone with administrative
 * access, by organization, with the road to it (lib/server/privileged). From the store; no upstream call.
 * `limit`: only the first N rows in the table's order (the counts still cover every row).
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const badQuery = refuseUnexpectedQuery(request, ["as_of", "since", "limit"]);
  if (badQuery) return badQuery;
  const parsed = parseReportQuery(new URL(request.url).searchParams, { allowLimit: true });
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  try {
    return Response.json(await loadReport(parsed.query, request.signal), { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
