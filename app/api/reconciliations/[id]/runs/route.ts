import { z } from "zod";
import { acceptJsonPost } from "@/lib/http/json-post";
import { jsonError } from "@/lib/http/error-response";
import { withOfficerWork } from "@/lib/http/officer-work";
import { reconciliationStore } from "@/lib/reconciliation/instance";
import { RECONCILIATION_ID_RE } from "@/lib/reconciliation/saved-schema";
import { reconciliationTarget, runReconciliation } from "@/lib/reconciliation/saved-service";
import { inputOrErrorResponse, recordAudit } from "@/lib/seed-lists/route-support";
import { isSyncId } from "@/lib/store/syncs";

/*
 * POST /api/reconciliations/{id}/runs with `{ as_of? }` (exporter): the saved entries reconciled
 * again against the newest sync (or the sync `as_of` names) and kept as the next run; answers the
 * run's ref. On record, with the sync id, before it is kept or handed out.
 */

export const dynamic = "force-dynamic";

const bodySchema = z.object({ as_of: z.string().refine(isSyncId, "`as_of` is a sync id; GET /api/syncs lists them.").optional() }).strict();

export function POST(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return withOfficerWork("re-running the reconciliation", () => handle(request, ctx));
}

async function handle(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const post = await acceptJsonPost(request, bodySchema, { role: "exporter", purpose: "re-running a reconciliation", maxBytes: 4096 });
  if (!post.ok) return post.response;
  if (!RECONCILIATION_ID_RE.test(id)) return jsonError(400, "invalid_request", "That is not a saved reconciliation id (they look like rc_…).");
  const { officer, data } = post;
  try {
    const store = reconciliationStore();
    const saved = await store.entries(id);
    if (!saved) return jsonError(404, "not_found", `There is no saved reconciliation ${id}.`);
    const { run } = await runReconciliation(saved.meta.group_id, saved.entries, { signal: request.signal, officer: officer.name, asOf: data.as_of });
    await recordAudit({
      actor: officer.name,
      action: "reconciliation",
      target: reconciliationTarget(id, saved.meta.name),
      outcome: "ok",
      rows: run.result.counts.expected_entries,
      sync_id: run.syncId,
      filters: { operation: "re-run", group: saved.meta.group_id, counts: run.result.counts },
    });
    const ref = await store.addRun(id, run);
    if (!ref) return jsonError(404, "not_found", `There is no saved reconciliation ${id}.`);
    return Response.json(ref, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    return inputOrErrorResponse(err);
  }
}
