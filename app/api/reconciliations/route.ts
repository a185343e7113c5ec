import { sessionRead } from "@/lib/server/http/session-read";
import { newReconciliationId } from "@/lib/server/reconciliation/db-store";
import { reconciliationStore } from "@/lib/server/reconciliation/instance";
import { saveReconciliationRequestSchema } from "@/lib/shared/reconciliation/saved-schema";
import { readSavedInput, reconciliationTarget, runReconciliation } from "@/lib/server/reconciliation/saved-service";
import { officerPost } from "@/lib/server/seed-lists/officer-post";
import { recordAudit } from "@/lib/server/seed-lists/route-support";

/*
 * GET /api/reconciliations: every saved reconciliation, newest first: `{ reconciliations: [...] }`.
 * POST /api/reconciliations with `{ name, group_id, expected }` (exporter): reconciles the group
 * against the newest sync and saves the input with that first run; 201 with the saved meta. The
 * audit entry (with the sync id) is written before anything is saved or handed out.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async () =>
  Response.json({ reconciliations: await reconciliationStore().list() }, { headers: { "cache-control": "private, no-store" } }),
);

export const POST = officerPost(
  { work: "saving a reconciliation", schema: saveReconciliationRequestSchema, role: "exporter", purpose: "saving a reconciliation" },
  async (request, { officer, data }) => {
    const { entries, from } = readSavedInput(data.expected);
    const { group, run } = await runReconciliation(data.group_id, entries, { signal: request.signal, officer: officer.name });
    const id = newReconciliationId();
    await recordAudit({
      actor: officer.name,
      action: "reconciliation",
      target: reconciliationTarget(id, data.name),
      outcome: "ok",
      rows: run.result.counts.expected_entries,
      sync_id: run.syncId,
      filters: { operation: "save", run: 1, group: `${group.id} ${JSON.stringify(group.name)}`, expected_from: from, counts: run.result.counts },
    });
    const meta = await reconciliationStore().create({ id, name: data.name, createdBy: officer.name, group, expectedFrom: from, entries, run });
    return Response.json(meta, { status: 201, headers: { "cache-control": "no-store", location: `/api/reconciliations/${meta.id}` } });
  },
);
