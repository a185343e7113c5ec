/*
 * Writes the query string without a server round trip. Next.js patches history.pushState and
 * replaceState so useSearchParams follows them, and Back/Forward restore the entry (popstate).
 * "push" for a change the officer would want Back to undo (a filter, a sort); "replace" for
 * keystrokes in between.
 */

export type HistoryMode = "push" | "replace";

export function writeSearchParams(params: URLSearchParams, mode: HistoryMode): void {
  const qs = params.toString();
  const { pathname, search, hash } = window.location;
  const next = pathname + (qs ? `?${qs}` : "") + hash;
  if (next === pathname + search + hash) return;
  if (mode === "push") window.history.pushState(null, "", next);
  else window.history.replaceState(null, "", next);
}
