import { z } from "zod";
import { noSuchReconciliation, refuseReconciliationId, savedReconciliationOf } from "@/lib/server/reconciliation/saved-params";
import { reconciliationTarget, runReconciliation } from "@/lib/server/reconciliation/saved-service";
import { officerPost, type ItemParams } from "@/lib/server/seed-lists/officer-post";
import { recordAudit } from "@/lib/server/seed-lists/route-support";
import { isSyncId } from "@/lib/server/store/syncs";

/*
 * POST /api/reconciliations/{id}/runs with `{ as_of? }` (exporter): the saved entries reconciled
 * again against the newest sync (or the sync `as_of` names) and kept as the next run; answers the
 * run's ref. On record, with the sync id, before it is kept or handed out.
 */

export const dynamic = "force-dynamic";

const bodySchema = z.object({ as_of: z.string().refine(isSyncId, "`as_of` is a sync id; GET /api/syncs lists them.").optional() }).strict();

export const POST = officerPost(
  { work: "re-running the reconciliation", schema: bodySchema, role: "exporter", purpose: "re-running a reconciliation", maxBytes: 4096, refuseId: refuseReconciliationId },
  async (request, { officer, data }, { params }: ItemParams) => {
    const found = await savedReconciliationOf(params, (store, id) => store.entries(id));
    if (found instanceof Response) return found;
    const { id, store, saved } = found;
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
    if (!ref) return noSuchReconciliation(id);
    return Response.json(ref, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
