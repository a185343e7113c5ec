import { sessionRead } from "@/lib/server/http/session-read";
import { seedListStore } from "@/lib/server/seed-lists/instance";
import { officerPost } from "@/lib/server/seed-lists/officer-post";
import { recordAudit, seedListTarget } from "@/lib/server/seed-lists/route-support";
import { saveRequestSchema } from "@/lib/shared/seed-lists/schema";
import { resolveInputs } from "@/lib/server/seed-lists/service";
import { newSeedListId } from "@/lib/server/seed-lists/file-store";
import { describeSources } from "@/lib/shared/seed-lists/resolve";

/*
 * GET /api/seed-lists: every saved list, newest first: `{ lists: SeedListMeta[] }`.
 * POST /api/seed-lists with `{ name, sources, fresh? }` (exporter): resolves the sources against
 * the directory and saves the list with that first resolution; 201 with the list's meta.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async () =>
  Response.json({ lists: await seedListStore().list() }, { headers: { "cache-control": "private, no-store" } }),
);

export const POST = officerPost(
  { work: "saving a seed list", schema: saveRequestSchema, role: "exporter", purpose: "saving a seed list", fresh: (data) => data.fresh },
  async (request, { officer, data }) => {
    const { sources, resolution } = await resolveInputs(data.sources, { officer: officer.name, signal: request.signal, fresh: data.fresh });
    // On record before it is kept: a save the audit log cannot take keeps nothing (503).
    const id = newSeedListId();
    await recordAudit({
      actor: officer.name,
      action: "seed_list",
      target: seedListTarget(id, data.name),
      outcome: "ok",
      rows: resolution.counts.people,
      filters: { operation: "save", input: describeSources(sources), counts: resolution.counts, directory_built_at: resolution.directory_built_at },
    });
    const meta = await seedListStore().create({ id, name: data.name, createdBy: officer.name, sources, resolution });
    return Response.json(meta, { status: 201, headers: { "cache-control": "no-store", location: `/api/seed-lists/${meta.id}` } });
  },
);
