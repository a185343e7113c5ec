import { auditStore } from "@/lib/server/audit/instance";
import { isInvalidAuditCursor } from "@/lib/server/audit/store";
import { parseAuditQuery } from "@/lib/server/audit/query";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { requireRole } from "@/lib/server/session/session";

/*
 * GET /api/audit?from&to&actor&action&outcome&limit&cursor: the audit log, newest first, one page
 * at a time: `{ entries, next_cursor }`. Exporters only (issue 10: it holds failed-login usernames
 * and addresses): a viewer gets 403, and the refusal is itself on record. It calls no upstream.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireRole("exporter", "reading the audit log");
  if (officer instanceof Response) return officer;

  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  try {
    const page = await auditStore().list(parsed.query);
    return Response.json(page, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    if (isInvalidAuditCursor(err)) return jsonError(400, "invalid_request", err.message);
    return errorResponse(err);
  }
}
