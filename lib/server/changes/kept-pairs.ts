import "server-only";
import type { Database } from "@/lib/server/store/database";
import { processWide } from "@/lib/server/process-wide";
import { changesRepository, type ChangeCountRow, type ChangesPage } from "@/lib/server/store/changes";
import { syncRepository, type SyncRecord } from "@/lib/server/store/syncs";
import type { ChangeKind, ChangeLabels } from "@/lib/shared/changes/change";
import { CHANGES_FIRST_ROWS, defaultPair, type ChangesSummary } from "@/lib/shared/changes/changes-wire";

/*
 * What the Changes page shows first for a pair of complete syncs: the summary (counts, per
 * organization, labels) and the first changes. Both are pure functions of the two syncs (a complete
 * sync's facts never change, and retention keeps the changes between kept syncs as they were), so
 * each is read from the store once per pair and kept. Each read runs the whole diff again (three
 * times for the page's first screen), and the embedded database runs them one after another on the
 * event loop's thread: the page's document waited for all of them. The newest pair is read right
 * after a sync completes (`keepNewestPair`), before an officer asks for it.
 *
 * The syncs' own records are not kept here: the routes put them in the answer as they stand. Kept
 * once per process (processWide): the sync that reads the newest pair runs in the route handlers'
 * bundle or the instrumentation hook's, the page that shows it in the pages' bundle.
 */

export type Pair = { from: SyncRecord; to: SyncRecord };

/** A summary without its two syncs. */
export type PairSummary = Omit<ChangesSummary, "from" | "to">;

/** Pairs kept per database, the most recently used last; a few cover the newest pair and some picked by hand. */
const KEPT_PAIRS = 8;

interface KeptPair {
  summary?: Promise<PairSummary>;
  firstChanges?: Promise<ChangesPage>;
}

const kept = processWide("kept-change-pairs", () => new WeakMap<Database, Map<string, KeptPair>>());

function keptPair(database: Database, { from, to }: Pair): KeptPair {
  let pairs = kept.get(database);
  if (!pairs) kept.set(database, (pairs = new Map()));
  const key = `${from.id}\u0000${to.id}`;
  const found = pairs.get(key) ?? {};
  pairs.delete(key);
  pairs.set(key, found);
  while (pairs.size > KEPT_PAIRS) pairs.delete(pairs.keys().next().value!);
  return found;
}

/** One read per pair, shared by whoever asks while it runs; a failed read is not kept, so the next request tries again. */
function once<K extends keyof KeptPair>(entry: KeptPair, part: K, read: () => NonNullable<KeptPair[K]>): NonNullable<KeptPair[K]> {
  const running = entry[part];
  if (running) return running as NonNullable<KeptPair[K]>;
  const promise = read();
  entry[part] = promise;
  promise.catch(() => {
    if (entry[part] === promise) delete entry[part];
  });
  return promise;
}

/** Counts per kind and per organization, the organizations by name (uuid when it has none). */
export function summarize(rows: readonly ChangeCountRow[], labels: ChangeLabels): PairSummary {
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
  return { total: rows.reduce((n, r) => n + r.count, 0), counts, organizations, labels };
}

/** The pair's summary, read once (both queries, one after the other: the embedded database runs one at a time anyway). */
export function keptSummary(database: Database, pair: Pair): Promise<PairSummary> {
  return once(keptPair(database, pair), "summary", async () => {
    const repo = changesRepository(database);
    const rows = await repo.counts(pair.from, pair.to);
    return summarize(rows, await repo.labels(pair.from, pair.to));
  });
}

/** The pair's first CHANGES_FIRST_ROWS changes in list order (no kind, no cursor), read once. */
export function keptFirstChanges(database: Database, pair: Pair): Promise<ChangesPage> {
  return once(keptPair(database, pair), "firstChanges", () => changesRepository(database).page({ ...pair, limit: CHANGES_FIRST_ROWS }));
}

/** Reads and keeps what the Changes page shows first by default (the newest two complete syncs), when there are two. */
export async function keepNewestPair(database: Database): Promise<void> {
  const complete = (await syncRepository(database).list()).filter((s) => s.status === "complete");
  const ids = defaultPair(complete, "", "");
  const from = complete.find((s) => s.id === ids.from);
  const to = complete.find((s) => s.id === ids.to);
  if (!from || !to || from.id === to.id) return;
  await keptSummary(database, { from, to });
  await keptFirstChanges(database, { from, to });
}
