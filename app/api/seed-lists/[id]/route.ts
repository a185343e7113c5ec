import { compareResolutions } from "@/lib/shared/seed-lists/compare";
import { seedListStore } from "@/lib/server/seed-lists/instance";
import type { SeedListDetail } from "@/lib/shared/seed-lists/schema";
import { refuseSeedListId } from "@/lib/server/seed-lists/route-support";
import { jsonError } from "@/lib/server/http/error-response";
import { historyNumberPair } from "@/lib/server/http/history-numbers";
import { sessionRead } from "@/lib/server/http/session-read";
import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";

/*
 * GET /api/seed-lists/{id}[?resolution=N][&against=M]: a saved list, its input, its resolution
 * history, resolution N (default: the latest) in full, and N compared with M (default: the one
 * kept before N). Read from the store only: no upstream call. The list's people leave only once the
 * read is on record (action "view", one entry per officer and resolution per hour; 503 when the
 * audit log cannot take it).
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async (request, officer, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const badId = refuseSeedListId(id);
  if (badId) return badId;
  const pair = historyNumberPair(request, ["resolution", "against"], "resolution");
  if (pair instanceof Response) return pair;
  const [wanted, against] = pair;
  const store = seedListStore();
  const list = await store.get(id);
  if (!list) return jsonError(404, "not_found", `There is no saved seed list ${id}. It may have been made on another dashboard instance.`);
  const numbers = list.history.map((h) => h.number);
  const shown = wanted ?? numbers[numbers.length - 1]!;
  if (!numbers.includes(shown)) return jsonError(404, "not_found", `Resolution ${shown} of this list is not kept; kept: ${numbers.join(", ")}.`);
  const previous = against ?? numbers.filter((n) => n < shown).pop();
  if (previous !== undefined && !numbers.includes(previous)) return jsonError(404, "not_found", `Resolution ${previous} of this list is not kept; kept: ${numbers.join(", ")}.`);
  const resolution = await store.resolution(id, shown);
  if (!resolution) return jsonError(404, "not_found", `Resolution ${shown} of this list is missing from the store.`);
  const earlier = previous !== undefined && previous !== shown ? await store.resolution(id, previous) : null;
  const body: SeedListDetail = {
    meta: list.meta,
    sources: list.sources,
    history: list.history,
    shown,
    resolution,
    comparison: earlier && previous !== undefined ? compareResolutions(previous, earlier, shown, resolution) : null,
  };
  const refused = await recordViewOrRefuse({
    actor: officer.name,
    target: `seed_list:${id}#${shown}`,
    version: resolution.directory_built_at,
    rows: resolution.people.length,
    filters: { resolution: shown, ...(earlier && previous !== undefined ? { against: previous } : {}) },
  });
  if (refused) return refused;
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});
