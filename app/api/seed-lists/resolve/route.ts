import { readJsonBody } from "@/lib/seed-lists/json-body";
import { inputOrErrorResponse } from "@/lib/seed-lists/route-support";
import { resolveRequestSchema, type ResolveResponse } from "@/lib/seed-lists/schema";
import { resolveInputs } from "@/lib/seed-lists/service";
import { refuseCrossSiteRequest } from "@/lib/session/same-origin";
import { requireSession } from "@/lib/session/session";

/*
 * POST /api/seed-lists/resolve with `{ sources: [...], fresh? }`: each entry of each source
 * resolved against the whole directory, nothing stored. Any officer may resolve (it only reads
 * the directory); saving and downloading need the exporter role.
 */

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;
  const body = await readJsonBody(request, resolveRequestSchema);
  if (!body.ok) return body.response;
  try {
    const out: ResolveResponse = await resolveInputs(body.data.sources, { officer: officer.name, signal: request.signal, fresh: body.data.fresh });
    return Response.json(out, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return inputOrErrorResponse(err);
  }
}
