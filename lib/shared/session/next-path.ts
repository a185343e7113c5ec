/*
 * Where to send an officer after login. `next` comes from the URL, so anyone can write it: only a
 * path on this site is accepted, never `//evil.example`, `/\evil.example`, a scheme, or a path
 * that normalises into one of those. Used by the server (login page, proxy) and the login form.
 */

const BASE = "http://next-path.invalid";
const MAX_LENGTH = 2048;

export function safeNextPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  // Browsers read `\` as `/`; control characters are stripped by URL parsers in surprising ways.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//")) return fallback;
  // Back to the login page would loop; an API route is not a page to land on.
  if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname === "/api" || url.pathname.startsWith("/api/")) return fallback;
  return path;
}

/** `/login?next=<path>` for a page the officer asked for without a session. */
export function loginUrlFor(path: string): string {
  const next = safeNextPath(path, "");
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/** `/unavailable?next=<path>`: the 503 page shown while the database is down, with a way back. */
export function unavailableUrlFor(path: string): string {
  const next = safeNextPath(path, "");
  return next && next !== "/" ? `/unavailable?next=${encodeURIComponent(next)}` : "/unavailable";
}
