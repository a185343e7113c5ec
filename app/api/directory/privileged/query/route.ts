import { jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";
import { answerPrivilegedQuery } from "@/lib/server/privileged/report-query";
import { loadQueryableReport, parseReportQuery, recordPrivilegedView } from "@/lib/server/privileged/query";
import { PRIVILEGED_REPORT_PARAMS, privilegedQueryFromParams } from "@/lib/shared/privileged/query-wire";

/*
 * GET /api/directory/privileged/query?q=&org=&source=&access=&new=&sort=&offset=&limit=[&facets=0]
 * [&as_of=<sync>][&since=<sync>]: the privileged access report answered on the server, from the
 * report kept for that pair of syncs (lib/server/privileged/report-query.ts): one window of rows in
 * the sort's order, how many match, each facet's counts, and the report's counts (every row). Every
 * parameter is checked before anything is read: a bad one is a 400 that reaches neither store nor
 * upstream. On record as a view of directory/privileged (coalesced per officer and sync).
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async (request, officer) => {
  const params = new URLSearchParams(new URL(request.url).searchParams);
  const report = parseReportQuery(params);
  if (!report.ok) return jsonError(400, "invalid_request", report.message);
  for (const key of PRIVILEGED_REPORT_PARAMS) params.delete(key);
  const parsed = privilegedQueryFromParams(params);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  const kept = await loadQueryableReport(report.query, request.signal);
  const refused = await recordPrivilegedView(officer.name, kept);
  if (refused) return refused;
  return Response.json(answerPrivilegedQuery(kept, parsed.query), { headers: { "cache-control": "private, no-store" } });
});
