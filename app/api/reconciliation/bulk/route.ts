import { bulkRequestSchema } from "@/lib/shared/reconciliation/schema";
import { reconcileBulk } from "@/lib/server/reconciliation/service";
import { bulkReconciliationFile } from "@/lib/server/reconciliation/download";
import { officerPost } from "@/lib/server/seed-lists/officer-post";
import { recordAudit } from "@/lib/server/seed-lists/route-support";

/*
 * POST /api/reconciliation/bulk with `{ input: {kind:"paste",text} | {kind:"csv",filename,
 * content_base64}, include_unlisted?, fresh? }`: one `group_name_or_id,email` file reconciled
 * against every group it names (a header row is optional), per-group results, unknown group
 * names with their records. Recorded in the audit log as one reconciliation.
 */

export const dynamic = "force-dynamic";

// Issue 6: reconciling is an exporter's job (it reveals whole membership lists and is audited as such).
export const POST = officerPost(
  { work: "the bulk reconciliation", schema: bulkRequestSchema, role: "exporter", purpose: "reconciling groups", fresh: (data) => data.fresh },
  async (request, { officer, data }) => {
    const out = await reconcileBulk(data, { signal: request.signal, fresh: data.fresh });
    if (data.download) return await bulkReconciliationFile(officer.name, out, data.download);
    const sum = (k: "in_both" | "unexpected" | "missing") => out.results.reduce((n, r) => n + r.counts[k], 0);
    await recordAudit({
      actor: officer.name,
      action: "reconciliation",
      target: "groups:bulk",
      outcome: "ok",
      rows: out.rows,
      filters: {
        expected_from: out.expected_from,
        groups: out.results.length,
        unknown_groups: out.unknown_groups.map((u) => u.name).slice(0, 50),
        include_unlisted: data.include_unlisted ?? false,
        counts: { in_both: sum("in_both"), unexpected: sum("unexpected"), missing: sum("missing") },
        directory_built_at: out.directory_built_at,
      },
    });
    return Response.json(out, { headers: { "cache-control": "no-store" } });
  },
);
