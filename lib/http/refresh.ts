/*
 * How the Refresh button asks the server to skip its caches. A header of our own, not
 * `Cache-Control: no-cache`: browsers add that one by themselves (fetch with `cache: "no-store"`,
 * hard reloads), which would silently turn every request into an upstream walk.
 */
export const REFRESH_HEADER = "x-dashboard-refresh";

export function refreshHeaders(fresh: boolean | undefined): Record<string, string> {
  return fresh ? { [REFRESH_HEADER]: "1" } : {};
}

export function wantsFresh(request: Request): boolean {
  return request.headers.get(REFRESH_HEADER) === "1";
}
