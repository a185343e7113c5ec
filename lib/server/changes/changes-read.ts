import "server-only";
import type { Database } from "@/lib/server/store/database";
import { changesRepository } from "@/lib/server/store/changes";
import { syncRepository } from "@/lib/server/store/syncs";
import { firstScreen } from "@/lib/server/first-screen/first-screen";
import { store } from "@/lib/server/store/instance";
import { syncToWire } from "@/lib/server/sync/to-wire";
import { encodeChangesCursor, type PageParams } from "./changes-request";
import { keptFirstChanges, keptSummary, type Pair } from "./kept-pairs";
import { CHANGES_FIRST_ROWS, defaultPair, type ChangesFirstScreen, type ChangesPageWire, type ChangesSummary } from "@/lib/shared/changes/changes-wire";

/*
 * The changes between two complete syncs as the routes answer them and the Changes page's first
 * screen shows them: one page (GET /api/directory/changes) and the summary (…/changes/summary).
 * From the store only.
 */

export async function changesPage(database: Database, pair: Pair, page: PageParams): Promise<ChangesPageWire> {
  // The first changes with no kind and no cursor are what the page's first screen shows: kept per pair.
  const first = !page.kind && !page.after && page.limit === CHANGES_FIRST_ROWS;
  const found = first ? await keptFirstChanges(database, pair) : await changesRepository(database).page({ ...pair, ...page });
  return {
    from: syncToWire(pair.from),
    to: syncToWire(pair.to),
    changes: found.changes,
    next_cursor: found.next ? encodeChangesCursor(pair.from, pair.to, found.next) : null,
  };
}

/** How many changes of each kind, the same per organization, and the names the changes refer to (kept per pair). */
export async function changesSummary(database: Database, pair: Pair): Promise<ChangesSummary> {
  return { from: syncToWire(pair.from), to: syncToWire(pair.to), ...(await keptSummary(database, pair)) };
}

/**
 * The Changes page's first screen for its URL: the syncs, and unless the page compares "since" a
 * day (the browser picks that pair) the summary and first changes of the pair it will show.
 */
export async function changesFirstScreen(params: URLSearchParams): Promise<ChangesFirstScreen | null> {
  return firstScreen(async () => {
    const database = await store();
    const syncs = await syncRepository(database).list();
    const screen: ChangesFirstScreen = { syncs: { syncs: syncs.map(syncToWire) } };
    if (params.get("since")) return screen;
    const complete = syncs.filter((s) => s.status === "complete");
    const ids = defaultPair(complete, params.get("from") ?? "", params.get("to") ?? "");
    const from = complete.find((s) => s.id === ids.from);
    const to = complete.find((s) => s.id === ids.to);
    if (!from || !to) return screen;
    const [summary, page] = await Promise.all([changesSummary(database, { from, to }), changesPage(database, { from, to }, { limit: CHANGES_FIRST_ROWS })]);
    return { ...screen, pair: { from: from.id, to: to.id, summary, page } };
  });
}
