import type { ChangeKind } from "@/lib/changes/change";
import { refuseOtherParams, resolveSyncPair } from "@/lib/changes/changes-request";
import { errorResponse } from "@/lib/http/error-response";
import { requireSession } from "@/lib/session/session";
import { changesRepository } from "@/lib/store/changes";
import { store } from "@/lib/store/instance";
import { syncToWire } from "@/lib/sync/to-wire";

/*
 * GET /api/directory/changes/summary?from&to: the Changes page's header. How many changes of each
 * kind, the same per organization, and the names of the organizations, groups and roles the changes
 * refer to (as they stood at `to`, or at `from` when gone). From the store only.
 */

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  const bad = refuseOtherParams(request, ["from", "to"]);
  if (bad) return bad;
  try {
    const database = await store();
    const pair = await resolveSyncPair(database, new URL(request.url).searchParams);
    if (pair instanceof Response) return pair;
    const repo = changesRepository(database);
    const [rows, labels] = await Promise.all([repo.counts(pair.from, pair.to), repo.labels(pair.from, pair.to)]);
    const counts: Partial<Record<ChangeKind, number>> = {};
    const byOrg = new Map<string, Partial<Record<ChangeKind, number>>>();
    for (const r of rows) {
      counts[r.kind] = (counts[r.kind] ?? 0) + r.count;
      if (r.organization_uuid === null) continue;
      const org = byOrg.get(r.organization_uuid) ?? {};
      org[r.kind] = (org[r.kind] ?? 0) + r.count;
      byOrg.set(r.organization_uuid, org);
    }
    const organizations = [...byOrg]
      .map(([uuid, c]) => ({ organization_uuid: uuid, name: labels.organizations[uuid] ?? uuid, counts: c }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return Response.json(
      { from: syncToWire(pair.from), to: syncToWire(pair.to), total: rows.reduce((n, r) => n + r.count, 0), counts, organizations, labels },
      { headers: { "cache-control": "private, no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
