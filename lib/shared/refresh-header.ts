/*
 * How the Refresh button asks the server to skip its caches: the browser sets the header
 * (lib/browser/query/request.ts), the routes read it (lib/server/http/refresh.ts). A header of our own, not
 * `Cache-Control: no-cache`: browsers add that one by themselves (fetch with `cache: "no-store"`,
 * hard reloads), which would silently turn every request into an upstream walk.
 */
export const REFRESH_HEADER = "x-dashboard-refresh";

export function refreshHeaders(fresh: boolean | undefined): Record<string, string> {
  return fresh ? { [REFRESH_HEADER]: "1" } : {};
}
