import "server-only";
import { isSyncId } from "@/lib/server/store/syncs";

/*
 * `as_of=<sync id>` on the directory routes: the directory as it stood in that complete sync.
 * Checked before anything is read: a malformed id is a 400 here, an id that names no complete
 * sync a 404 from loadDirectory (SyncNotFoundError).
 */

export const AS_OF_PARAM = "as_of";

export type AsOfParse = { ok: true; asOf: string | undefined } | { ok: false; message: string };

/** Reads `as_of` and removes it from `params`, so the rest can be checked as the proxy checks them. */
export function takeAsOf(params: URLSearchParams): AsOfParse {
  const values = params.getAll(AS_OF_PARAM);
  params.delete(AS_OF_PARAM);
  if (values.length === 0) return { ok: true, asOf: undefined };
  if (values.length > 1) return { ok: false, message: `Query parameter "${AS_OF_PARAM}" was given more than once; give it once.` };
  const id = values[0]!;
  if (!isSyncId(id)) {
    return { ok: false, message: `as_of must be a sync id (like sync_mf3k2x1a_0123456789ab) from GET /api/syncs; "${id.replace(/[^\x20-\x7e]/g, "?").slice(0, 40)}" is not one.` };
  }
  return { ok: true, asOf: id };
}
