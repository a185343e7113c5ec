import { z } from "zod";
import { savedRunFile } from "@/lib/server/reconciliation/download";
import { refuseReconciliationId, runNotKept, savedReconciliationOf } from "@/lib/server/reconciliation/saved-params";
import { officerPost, type ItemParams } from "@/lib/server/seed-lists/officer-post";
import { reconciliationDownloadSchema } from "@/lib/shared/reconciliation/schema";

/*
 * POST /api/reconciliations/{id}/file with `{ run: N, list }` (exporter): one list of a kept run
 * ("in_both", "unexpected", "missing") or all three ("all") as a CSV file, built from the run the
 * store keeps, on record (with the run's sync) before the first byte; 503 when it cannot be.
 */

export const dynamic = "force-dynamic";

const bodySchema = z.object({ run: z.number().int().positive("`run` is a run number (1, 2, …)."), list: reconciliationDownloadSchema.shape.list }).strict();

export const POST = officerPost(
  { work: "the reconciliation download", schema: bodySchema, role: "exporter", purpose: "downloading a reconciliation", maxBytes: 1024, refuseId: refuseReconciliationId },
  async (_request, { officer, data }, { params }: ItemParams) => {
    const found = await savedReconciliationOf(params, (store, id) => store.get(id));
    if (found instanceof Response) return found;
    const { id, store, saved } = found;
    const run = await store.run(id, data.run);
    if (!run) return runNotKept(data.run, saved.history.map((h) => h.number));
    return savedRunFile(officer.name, saved.meta, run, data.list);
  },
);
