import { verifyAuditChain } from "@/lib/server/audit/verify";
import { errorResponse } from "@/lib/server/http/error-response";
import { requireRole } from "@/lib/server/session/session";
import { store } from "@/lib/server/store/instance";

/*
 * GET /api/audit/verify (exporter): walks the audit log's hash chain and answers
 * `{ ok, entries, message, kind?, entry? }`: intact, or the first entry that was changed, removed
 * or inserted. 200 either way (the check ran); 503 when the database cannot be read.
 */

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const officer = await requireRole("exporter", "verifying the audit log");
  if (officer instanceof Response) return officer;
  try {
    const verdict = await verifyAuditChain(await store());
    return Response.json(verdict, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
