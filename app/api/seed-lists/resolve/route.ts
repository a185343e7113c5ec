import { refuseTooFrequentRefresh, withOfficerWork } from "@/lib/http/officer-work";
import { acceptJsonPost } from "@/lib/http/json-post";
import { inputOrErrorResponse } from "@/lib/seed-lists/route-support";
import { resolveRequestSchema, type ResolveResponse } from "@/lib/seed-lists/schema";
import { resolveInputs } from "@/lib/seed-lists/service";

/*
 * POST /api/seed-lists/resolve with `{ sources: [...], fresh? }`: each entry of each source
 * resolved against the whole directory, nothing stored. Any officer may resolve (it only reads
 * the directory); saving and downloading need the exporter role.
 */

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return withOfficerWork("resolving a seed list", () => handle(request));
}

async function handle(request: Request): Promise<Response> {
  const post = await acceptJsonPost(request, resolveRequestSchema);
  if (!post.ok) return post.response;
  const { officer, data } = post;
  const refused = refuseTooFrequentRefresh(officer.name, data.fresh);
  if (refused) return refused;
  try {
    const out: ResolveResponse = await resolveInputs(data.sources, { officer: officer.name, signal: request.signal, fresh: data.fresh });
    return Response.json(out, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return inputOrErrorResponse(err);
  }
}
