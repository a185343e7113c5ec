import { z } from "zod";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { jsonError } from "@/lib/server/http/error-response";
import { seedListStore } from "@/lib/server/seed-lists/instance";
import { officerPost, type ItemParams } from "@/lib/server/seed-lists/officer-post";
import { recordAudit, refuseSeedListId, seedListTarget } from "@/lib/server/seed-lists/route-support";
import { resolveAgainst } from "@/lib/server/seed-lists/service";

/*
 * POST /api/seed-lists/{id}/re-resolve with `{ fresh? }` (exporter): the list's saved entries
 * resolved against today's directory and kept as its next resolution. `fresh: true` rebuilds the
 * snapshot first, so "today" means now, not the cache's age. Answers the new resolution's ref.
 */

export const dynamic = "force-dynamic";

const bodySchema = z.object({ fresh: z.boolean().optional() });

const noSuchList = (id: string) => jsonError(404, "not_found", `There is no saved seed list ${id}.`);

export const POST = officerPost(
  {
    work: "re-resolving the seed list",
    schema: bodySchema,
    role: "exporter",
    purpose: "re-resolving a seed list",
    maxBytes: 4096,
    fresh: (data) => data.fresh,
    refuseId: refuseSeedListId,
  },
  async (request, { officer, data }, { params }: ItemParams) => {
    const { id } = await params;
    const store = seedListStore();
    const list = await store.get(id);
    if (!list) return noSuchList(id);
    const directory = await loadDirectory({ signal: request.signal, fresh: data.fresh });
    const resolution = resolveAgainst(list.sources, directory, officer.name);
    // On record before it is kept: a re-resolve the audit log cannot take keeps nothing (503).
    await recordAudit({
      actor: officer.name,
      action: "seed_list",
      target: seedListTarget(id, list.meta.name),
      outcome: "ok",
      rows: resolution.counts.people,
      filters: { operation: "re-resolve", resolved_at: resolution.resolved_at, counts: resolution.counts, directory_built_at: resolution.directory_built_at },
    });
    const ref = await store.addResolution(id, resolution);
    if (!ref) return noSuchList(id);
    return Response.json(ref, { headers: { "cache-control": "no-store" } });
  },
);
