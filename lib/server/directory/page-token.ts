import "server-only";

/*
 * The `page` tokens of the store-backed directory routes. Opaque to callers, like the upstream's,
 * but bound to the sync they were cut from and to the list they page, so a walk never mixes two
 * syncs: a token from another sync is refused, and the officer reloads.
 */

export interface PageCursor {
  /** The sync the first page was read from. */
  sync: string;
  /** Which list: the path below /api/directory and, for groups, the name prefix. */
  list: string;
  offset: number;
}

export function encodePageToken(c: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: c.sync, l: c.list, o: c.offset }), "utf8").toString("base64url");
}

export type TokenCheck = { ok: true; offset: number } | { ok: false; reason: "malformed" | "other_list" | "other_sync" };

/** Where a token continues, provided it was cut from `sync` for `list`. */
export function readPageToken(token: string, expected: { sync: string; list: string }): TokenCheck {
  let body: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: "malformed" };
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const b = body as { v?: unknown; s?: unknown; l?: unknown; o?: unknown } | null;
  if (!b || b.v !== 1 || typeof b.s !== "string" || typeof b.l !== "string" || typeof b.o !== "number" || !Number.isSafeInteger(b.o) || b.o < 0) {
    return { ok: false, reason: "malformed" };
  }
  if (b.l !== expected.list) return { ok: false, reason: "other_list" };
  if (b.s !== expected.sync) return { ok: false, reason: "other_sync" };
  return { ok: true, offset: b.o };
}
