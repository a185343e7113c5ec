/*
 * REDIS_URL may carry a password (redis://:secret@host:6379/0). Anything we print about the
 * connection goes through here first.
 */

/** The URL without credentials or query (e.g. `redis://cache.internal:6379/0`), safe for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(unparseable REDIS_URL)";
  }
}
