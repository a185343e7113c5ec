import { refuseTooFrequentRefresh, withOfficerWork } from "@/lib/http/officer-work";
import { seedListStore } from "@/lib/seed-lists/instance";
import { acceptJsonPost } from "@/lib/http/json-post";
import { recordAudit, inputOrErrorResponse, seedListTarget } from "@/lib/seed-lists/route-support";
import { saveRequestSchema } from "@/lib/seed-lists/schema";
import { resolveInputs } from "@/lib/seed-lists/service";
import { errorResponse } from "@/lib/http/error-response";
import { requireSession } from "@/lib/session/session";

/*
 * GET /api/seed-lists: every saved list, newest first: `{ lists: SeedListMeta[] }`.
 * POST /api/seed-lists with `{ name, sources, fresh? }` (exporter): resolves the sources against
 * the directory and saves the list with that first resolution; 201 with the list's meta.
 */

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  try {
    return Response.json({ lists: await seedListStore().list() }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

export function POST(request: Request): Promise<Response> {
  return withOfficerWork("saving a seed list", () => handle(request));
}

async function handle(request: Request): Promise<Response> {
  const post = await acceptJsonPost(request, saveRequestSchema, { role: "exporter", purpose: "saving a seed list" });
  if (!post.ok) return post.response;
  const { officer, data } = post;
  const refused = refuseTooFrequentRefresh(officer.name, data.fresh);
  if (refused) return refused;
  try {
    const { sources, resolution } = await resolveInputs(data.sources, { officer: officer.name, signal: request.signal, fresh: data.fresh });
    const meta = await seedListStore().create({ name: data.name, createdBy: officer.name, sources, resolution });
    await recordAudit({
      actor: officer.name,
      action: "seed_list",
      target: seedListTarget(meta.id, meta.name),
      outcome: "ok",
      rows: resolution.counts.people,
      filters: { operation: "save", input: meta.input_summary, counts: resolution.counts, directory_built_at: resolution.directory_built_at },
    });
    return Response.json(meta, { status: 201, headers: { "cache-control": "no-store", location: `/api/seed-lists/${meta.id}` } });
  } catch (err) {
    return inputOrErrorResponse(err);
  }
}
