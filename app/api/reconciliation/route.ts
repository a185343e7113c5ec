import { reconcileRequestSchema } from "@/lib/shared/reconciliation/schema";
import { reconcileOne } from "@/lib/server/reconciliation/service";
import { singleReconciliationFile } from "@/lib/server/reconciliation/download";
import { officerPost } from "@/lib/server/seed-lists/officer-post";
import { recordAudit } from "@/lib/server/seed-lists/route-support";

/*
 * POST /api/reconciliation with `{ group_id, expected: {kind:"paste",text} | {kind:"csv",filename,
 * content_base64,column,header?}, fresh? }`: the group's members against the expected list, as
 * three lists (in both, unexpected access, missing) with counts. Recorded in the audit log.
 * With `download: {list}` the answer is that list (or "all") as a CSV file built here and audited
 * as an export before the first byte, instead of the JSON.
 */

export const dynamic = "force-dynamic";

// Issue 6: reconciling is an exporter's job (it reveals whole membership lists and is audited as such).
export const POST = officerPost(
  { work: "the reconciliation", schema: reconcileRequestSchema, role: "exporter", purpose: "reconciling groups", fresh: (data) => data.fresh },
  async (request, { officer, data }) => {
    const out = await reconcileOne(data.group_id, data.expected, { signal: request.signal, fresh: data.fresh });
    if (data.download) return await singleReconciliationFile(officer.name, out, data.download);
    const { group, counts } = out.result;
    await recordAudit({
      actor: officer.name,
      action: "reconciliation",
      target: `group:${group.id} ${JSON.stringify(group.name)}`,
      outcome: "ok",
      rows: counts.expected_entries,
      filters: { expected_from: out.expected_from, counts, directory_built_at: out.directory_built_at },
    });
    return Response.json(out, { headers: { "cache-control": "no-store" } });
  },
);
