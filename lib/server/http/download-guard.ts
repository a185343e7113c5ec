import { jsonError } from "./error-response";

/*
 * Every route that hands out a file answers GET only, and only to a request the dashboard itself
 * started. One guard, run by proxy.ts for every such path, so a new download route is covered by
 * living under one of these paths rather than by remembering a check:
 * - `Sec-Fetch-Site: cross-site` means a page on another site made the officer's browser ask
 *   (a link or an <img>): an export is a GET with side effects (an audited file leaves), so it is
 *   refused. same-origin, same-site, none (typed or bookmarked) and absent (older browsers, scripts
 *   and curl) are allowed: the session and role checks still apply after this.
 * - HEAD would be answered from GET by Next with the body thrown away: an export run and not
 *   delivered, or a 200 with no audit entry. It is refused with `allow: GET`.
 */

/** Path prefixes and patterns of the routes that hand out files; proxy.ts's matcher lists the same. */
export const DOWNLOAD_PATH_PATTERNS: readonly RegExp[] = [
  /^\/api\/export\/[^/]+$/,
  /^\/api\/audit\.(?:csv|xlsx)$/,
  /^\/api\/seed-lists\/[^/]+\/download$/,
  /^\/api\/directory\/changes\.(?:csv|ndjson)$/,
];

export function isDownloadPath(pathname: string): boolean {
  return DOWNLOAD_PATH_PATTERNS.some((re) => re.test(pathname));
}

/** The refusal for a download request that must not run, or null when it may go on. */
export function refuseDownloadRequest(method: string, headers: Pick<Headers, "get">): Response | null {
  if (method !== "GET") {
    return jsonError(405, "method_not_allowed", `${method.slice(0, 20)} is not served here: downloads are GET requests. Use the download button on the dashboard.`, {
      headers: { allow: "GET" },
    });
  }
  if ((headers.get("sec-fetch-site") ?? "").trim().toLowerCase() === "cross-site") {
    return jsonError(403, "cross_site_download", "This download was started from another website, so it was not run. Start the download from the dashboard itself (the Exports page or the table's download button).");
  }
  return null;
}
