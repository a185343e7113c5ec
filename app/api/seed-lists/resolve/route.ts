import { officerPost } from "@/lib/server/seed-lists/officer-post";
import { resolveRequestSchema, type ResolveResponse } from "@/lib/shared/seed-lists/schema";
import { resolveInputs } from "@/lib/server/seed-lists/service";

/*
 * POST /api/seed-lists/resolve with `{ sources: [...], fresh? }`: each entry of each source
 * resolved against the whole directory, nothing stored. Any officer may resolve (it only reads
 * the directory); saving and downloading need the exporter role.
 */

export const dynamic = "force-dynamic";

export const POST = officerPost(
  { work: "resolving a seed list", schema: resolveRequestSchema, fresh: (data) => data.fresh },
  async (request, { officer, data }) => {
    const out: ResolveResponse = await resolveInputs(data.sources, { officer: officer.name, signal: request.signal, fresh: data.fresh });
    return Response.json(out, { headers: { "cache-control": "no-store" } });
  },
);
