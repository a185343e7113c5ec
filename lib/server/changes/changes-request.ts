import "server-only";
import { z } from "zod";
import { jsonError } from "@/lib/server/http/error-response";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import type { Database } from "@/lib/server/store/database";
import type { ChangesPosition } from "@/lib/server/store/changes";
import { isSyncId, syncRepository, type SyncRecord } from "@/lib/server/store/syncs";
import { CHANGES_DEFAULT_LIMIT, CHANGES_MAX_LIMIT, isChangeKind, type ChangeKind } from "@/lib/shared/changes/change";

/*
 * The parameters every changes route shares (CONTRACT.md): `from` and `to`, the ids of two complete
 * syncs; the paged route's `kind`, `limit` and `cursor`. Each is checked before anything is read,
 * and nothing here ever calls upstream: changes come from the store alone.
 */

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 40);

function single(params: URLSearchParams, name: string): string | undefined | Response {
  const values = params.getAll(name);
  if (values.length > 1) return jsonError(400, "invalid_request", `Query parameter "${name}" was given more than once; give it once.`);
  return values[0];
}

/** Checks `from` and `to` and finds both syncs; a Response (400, 404, 409) when they cannot be compared. */
export async function resolveSyncPair(database: Database, params: URLSearchParams): Promise<{ from: SyncRecord; to: SyncRecord } | Response> {
  const ids: Record<"from" | "to", string> = { from: "", to: "" };
  for (const name of ["from", "to"] as const) {
    const v = single(params, name);
    if (v instanceof Response) return v;
    if (v === undefined || v === "") return jsonError(400, "invalid_request", `Query parameter "${name}" is required: the id of a complete sync (GET /api/syncs lists them).`);
    if (!isSyncId(v)) return jsonError(400, "invalid_request", `${name} must be a sync id (like sync_mf3k2x1a_0123456789ab) from GET /api/syncs; "${printable(v)}" is not one.`);
    ids[name] = v;
  }
  const repo = syncRepository(database);
  const pair: Partial<Record<"from" | "to", SyncRecord>> = {};
  for (const name of ["from", "to"] as const) {
    const sync = await repo.get(ids[name]);
    if (!sync) return jsonError(404, "sync_not_found", `There is no sync ${ids[name]} (${name}); GET /api/syncs lists the syncs, newest first.`);
    if (sync.status !== "complete") {
      return jsonError(409, "sync_not_complete", `Sync ${sync.id} (${name}) is ${sync.status}: only a complete sync holds a directory. Pick a complete one from GET /api/syncs.`);
    }
    pair[name] = sync;
  }
  return { from: pair.from!, to: pair.to! };
}

const cursorSchema = z.object({ f: z.string(), t: z.string(), o: z.number().int().min(0).max(20), k: z.string().max(2000) }).strict();

/** Opaque to callers: where the next page starts, bound to the two syncs it was made for. */
export function encodeChangesCursor(from: SyncRecord, to: SyncRecord, at: ChangesPosition): string {
  return Buffer.from(JSON.stringify({ f: from.id, t: to.id, o: at.order, k: at.key }), "utf8").toString("base64url");
}

export function decodeChangesCursor(text: string, from: SyncRecord, to: SyncRecord): ChangesPosition | null {
  if (text.length > 4000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success || parsed.data.f !== from.id || parsed.data.t !== to.id) return null;
  return { order: parsed.data.o, key: parsed.data.k };
}

export interface PageParams {
  kind?: ChangeKind;
  limit: number;
  after?: ChangesPosition;
}

export const CHANGES_PAGE_PARAMS = ["from", "to", "kind", "limit", "cursor"] as const;

/** `kind`, `limit` and `cursor` of GET /api/directory/changes, for the pair already resolved. */
export function parsePageParams(params: URLSearchParams, from: SyncRecord, to: SyncRecord): PageParams | Response {
  const kind = single(params, "kind");
  if (kind instanceof Response) return kind;
  if (kind !== undefined && !isChangeKind(kind)) {
    return jsonError(400, "invalid_request", `kind must be one of the change kinds of CONTRACT.md (member_joined, permission_added, setting_changed, ...); "${printable(kind)}" is not one.`);
  }
  const limitText = single(params, "limit");
  if (limitText instanceof Response) return limitText;
  let limit = CHANGES_DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d{1,5}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > CHANGES_MAX_LIMIT) {
      return jsonError(400, "invalid_request", `limit must be a whole number from 1 to ${CHANGES_MAX_LIMIT}; "${printable(limitText)}" is not.`);
    }
    limit = Number(limitText);
  }
  const cursorText = single(params, "cursor");
  if (cursorText instanceof Response) return cursorText;
  let after: ChangesPosition | undefined;
  if (cursorText !== undefined) {
    const at = decodeChangesCursor(cursorText, from, to);
    if (!at) return jsonError(400, "invalid_cursor", "cursor is not a next_cursor of these two syncs; pass back next_cursor unchanged with the same from and to, or leave it out to start again.");
    after = at;
  }
  return { kind: kind as ChangeKind | undefined, limit, after };
}

/** Refuses parameters a changes route does not take (a typo is a 400, not a silently wider answer). */
export const refuseOtherParams = (request: Request, allowed: readonly string[]) => refuseUnexpectedQuery(request, allowed);
