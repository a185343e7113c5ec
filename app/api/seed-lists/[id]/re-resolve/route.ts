import { asOfficerWork, refuseTooFrequentRefresh } from "@/lib/server/http/officer-work";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { jsonError } from "@/lib/server/http/error-response";
import { seedListStore } from "@/lib/server/seed-lists/instance";
import { readJsonBody } from "@/lib/server/http/json-body";
import { recordAudit, inputOrErrorResponse, seedListTarget } from "@/lib/server/seed-lists/route-support";
import { SEED_LIST_ID_RE } from "@/lib/shared/seed-lists/schema";
import { resolveAgainst } from "@/lib/server/seed-lists/service";
import { refuseCrossSiteRequest } from "@/lib/server/http/same-origin";
import { requireRole } from "@/lib/server/session/session";
import { z } from "zod";

/*
 * POST /api/seed-lists/{id}/re-resolve with `{ fresh? }` (exporter): the list's saved entries
 * resolved against today's directory and kept as its next resolution. `fresh: true` rebuilds the
 * snapshot first, so "today" means now, not the cache's age. Answers the new resolution's ref.
 */

export const dynamic = "force-dynamic";

const bodySchema = z.object({ fresh: z.boolean().optional() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Refusals first, so bad input answers its own 4xx however busy the officer is.
  const officer = await requireRole("exporter", "re-resolving a seed list");
  if (officer instanceof Response) return officer;
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;
  const { id } = await params;
  if (!SEED_LIST_ID_RE.test(id)) return jsonError(400, "invalid_request", "That is not a seed list id (they look like sl_…).");
  const body = await readJsonBody(request, bodySchema, 4096);
  if (!body.ok) return body.response;
  const refused = refuseTooFrequentRefresh(officer.name, body.data.fresh);
  if (refused) return refused;
  return asOfficerWork(officer.name, "re-resolving the seed list", () => reResolve(request, officer.name, id, body.data.fresh));
}

async function reResolve(request: Request, officer: string, id: string, fresh: boolean | undefined): Promise<Response> {
  try {
    const store = seedListStore();
    const list = await store.get(id);
    if (!list) return jsonError(404, "not_found", `There is no saved seed list ${id}.`);
    const directory = await loadDirectory({ signal: request.signal, fresh });
    const resolution = resolveAgainst(list.sources, directory, officer);
    // On record before it is kept: a re-resolve the audit log cannot take keeps nothing (503).
    await recordAudit({
      actor: officer,
      action: "seed_list",
      target: seedListTarget(id, list.meta.name),
      outcome: "ok",
      rows: resolution.counts.people,
      filters: { operation: "re-resolve", resolved_at: resolution.resolved_at, counts: resolution.counts, directory_built_at: resolution.directory_built_at },
    });
    const ref = await store.addResolution(id, resolution);
    if (!ref) return jsonError(404, "not_found", `There is no saved seed list ${id}.`);
    return Response.json(ref, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return inputOrErrorResponse(err);
  }
}
