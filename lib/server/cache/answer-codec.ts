import type { RawAnswer } from "./upstream-cache";

/*
 * A cached answer as bytes: the upstream's JSON body with its request id and fetch time. Stored as
 * serialized UTF-8 so every reader gets its own copy (no caller can change what the next one sees)
 * and the cache's size is what it really holds. The request's headers (and so the access key) are
 * never part of it.
 */

export function encodeAnswer(answer: RawAnswer): string {
  return JSON.stringify({ body: answer.body, requestId: answer.requestId, fetchedAt: answer.fetchedAt });
}

/** undefined for anything that is not a cached answer (a foreign or damaged value is a miss). */
export function decodeAnswer(text: string): RawAnswer | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const o = parsed as { body?: unknown; requestId?: unknown; fetchedAt?: unknown };
  if (!("body" in o) || typeof o.fetchedAt !== "number") return undefined;
  return { body: o.body, fetchedAt: o.fetchedAt, ...(typeof o.requestId === "string" ? { requestId: o.requestId } : {}) };
}
