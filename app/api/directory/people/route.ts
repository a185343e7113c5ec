import { catalogLine, personRow } from "@/lib/server/directory/people-rows";
import { errorBody } from "@/lib/server/http/error-body";
import { linkedController, ndjsonResponse, progressUntilLoaded, wantsFresh, type Line } from "@/lib/server/directory/ndjson";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { AS_OF_PARAM, takeAsOf } from "@/lib/server/http/as-of";
import { jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";
import { recordView, recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { AUDIT_UNAVAILABLE_MESSAGE } from "@/lib/server/audit/unavailable";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";

/*
 * GET /api/directory/people: every person in the directory as NDJSON (format in lib/shared/directory/wire.ts).
 * Progress while the snapshot is walked, then the rows in chunks, then "done". A failure ends with an
 * "error" line instead: the list is complete only when "done" arrives.
 * `as_of=<sync id>`: the people of that complete sync (404 in the error line if it is none).
 * The Refresh header (`x-dashboard-refresh: 1`, lib/server/http/refresh.ts) rebuilds the snapshot.
 * A bulk read, so it is on record (action "view", coalesced per officer and sync, lib/server/audit/view-audit.ts)
 * before the first row leaves: a 503 when the sync is known up front and the log cannot take it,
 * an "error" line instead of the rows when it is known only once loaded.
 */

export const dynamic = "force-dynamic";

/** Rows per line: small enough to start painting early, large enough to keep lines few. */
const CHUNK = 1000;

export const GET = sessionRead({ query: [AS_OF_PARAM] }, async (request, officer) => {
  const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const asOfId = asOf.asOf;
  const target = "directory/people";
  const actor = officer.name;

  let recordedSync: string | undefined;
  try {
    recordedSync = asOfId ?? (await syncRepository(await store()).newestComplete())?.id;
  } catch {
    recordedSync = undefined; // the load below reports the store's failure in its error line
  }
  if (recordedSync) {
    const refused = await recordViewOrRefuse({ actor, target, syncId: recordedSync });
    if (refused) return refused;
  }

  const ctrl = linkedController(request.signal);
  const fresh = wantsFresh(request);

  async function* lines(): AsyncGenerator<Line, void, undefined> {
    try {
      const directory = yield* progressUntilLoaded((o) => loadDirectory({ ...o, asOf: asOfId }), { signal: ctrl.signal, fresh });
      const syncId = directory.sync?.id;
      if (syncId !== recordedSync) {
        try {
          await recordView({ actor, target, syncId, version: syncId ? undefined : `built-${directory.builtAt}` });
        } catch (err) {
          console.error("audit log unavailable; the people list was refused:", err instanceof Error ? err.message : err);
          yield { type: "error", error: { type: "audit_unavailable", message: AUDIT_UNAVAILABLE_MESSAGE } };
          return;
        }
      }
      yield catalogLine(directory);
      const people = directory.people;
      for (let i = 0; i < people.length; i += CHUNK) {
        yield { type: "people", rows: people.slice(i, i + CHUNK).map((p) => personRow(p, directory)) };
      }
      yield { type: "done", builtAt: directory.builtAt, counts: directory.counts, ...(syncId ? { sync: syncId } : {}) };
    } catch (err) {
      if (ctrl.signal.aborted) return;
      yield { type: "error", error: await errorBody(err) };
    }
  }

  return ndjsonResponse(lines(), () => ctrl.abort());
});
