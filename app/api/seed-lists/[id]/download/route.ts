import { createHash } from "node:crypto";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { seedListFile, seedListFilename, SEED_DOWNLOAD_TYPES } from "@/lib/server/seed-lists/downloads";
import { seedListStore } from "@/lib/server/seed-lists/instance";
import { auditOrRefuse, refuseSeedListId, seedListTarget } from "@/lib/server/seed-lists/route-support";
import { SEED_DOWNLOAD_FORMATS, type SeedDownloadFormat } from "@/lib/shared/seed-lists/schema";
import { requireRole } from "@/lib/server/session/session";

/*
 * GET /api/seed-lists/{id}/download?format=csv|txt|json[&resolution=N][&bom=1] (exporter):
 * the matched people of resolution N (default: the latest) as
 *   csv:  user_id,email,full_name,organization_uuids (uuids joined with ";"), lib/shared/csv rules;
 *   txt:  one user_... id per line, nothing quoted;
 *   json: { actor_ids, user_ids, organization_ids } for the Activity Feed and chat queries.
 * Served from the store, so the file is exactly the resolution the officer saw. Every download is
 * in the audit log with the SHA-256 of its bytes; one that cannot be recorded is not served.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const officer = await requireRole("exporter", "downloading a seed list");
  if (officer instanceof Response) return officer;
  const { id } = await params;
  const badId = refuseSeedListId(id);
  if (badId) return badId;
  const q = new URL(request.url).searchParams;
  for (const key of q.keys()) {
    if (!["format", "resolution", "bom"].includes(key)) return jsonError(400, "invalid_request", `Unknown parameter ${key}; use format, resolution and bom.`);
  }
  const format = (q.get("format") ?? "csv") as SeedDownloadFormat;
  if (!SEED_DOWNLOAD_FORMATS.includes(format)) return jsonError(400, "invalid_request", "format must be csv, txt or json.");
  const bom = q.get("bom");
  if (bom !== null && bom !== "1" && bom !== "0") return jsonError(400, "invalid_request", "bom must be 1 or 0.");
  const wanted = q.get("resolution");
  if (wanted !== null && !/^[1-9][0-9]{0,8}$/.test(wanted)) return jsonError(400, "invalid_request", "resolution is a resolution number (1, 2, …).");

  try {
    const store = seedListStore();
    const list = await store.get(id);
    if (!list) return jsonError(404, "not_found", `There is no saved seed list ${id}.`);
    const number = wanted ? Number(wanted) : list.history[list.history.length - 1]!.number;
    const resolution = await store.resolution(id, number);
    if (!resolution) return jsonError(404, "not_found", `Resolution ${number} of this list is not kept; kept: ${list.history.map((h) => h.number).join(", ")}.`);

    const text = seedListFile(resolution, format, { bom: bom === "1" && format === "csv" });
    const bytes = new TextEncoder().encode(text);
    const refused = await auditOrRefuse({
      actor: officer.name,
      action: "seed_list",
      target: seedListTarget(id, list.meta.name),
      outcome: "completed",
      rows: resolution.people.length,
      bytes: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      filters: { operation: "download", format, resolution: number, ...(bom === "1" && format === "csv" ? { bom: true } : {}) },
    });
    if (refused) return refused;
    const filename = seedListFilename(list.meta.name, format);
    return new Response(bytes, {
      headers: {
        "content-type": SEED_DOWNLOAD_TYPES[format].contentType,
        "content-disposition": `attachment; filename="${filename}"`,
        "content-length": String(bytes.byteLength),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
