/*
 * Which directory the pages show: the newest complete sync (null) or the one the page URL's
 * `as_of=<sync id>` names. The shell's AsOfScope sets it from the URL before any page renders and
 * remounts the pages when it changes, so every query built under it carries the same as_of
 * (query builders read it here rather than each of the many call sites passing it down).
 */

export const AS_OF_PARAM = "as_of";

/** The sync id shape of GET /api/syncs; anything else in the URL is ignored (the newest is shown). */
export const isSyncIdLike = (s: string): boolean => /^sync_[0-9a-z]{8,16}_[0-9a-f]{12}$/.test(s);

let current: string | null = null;

export function setViewAsOf(asOf: string | null): void {
  current = asOf;
}

export function viewAsOf(): string | null {
  return current;
}

/** The page's as_of as the query parameter the routes take (nothing for the newest sync). */
export function viewAsOfParams(): { [AS_OF_PARAM]: string } | undefined {
  return current ? { [AS_OF_PARAM]: current } : undefined;
}

/** An in-app href with the page's as_of carried over (or removed with `null`). */
export function hrefWithAsOf(href: string, asOf: string | null, base = "http://app.invalid"): string {
  const url = new URL(href, base);
  if (asOf) url.searchParams.set(AS_OF_PARAM, asOf);
  else url.searchParams.delete(AS_OF_PARAM);
  return `${url.pathname}${url.search}${url.hash}`;
}
