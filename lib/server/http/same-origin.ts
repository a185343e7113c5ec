import "server-only";
import { config } from "@/lib/server/config";
import { jsonError } from "@/lib/server/http/error-response";
import { requestOrigin } from "./request-facts";

/*
 * CSRF defence for state-changing routes. SameSite=Lax already keeps the cookie off cross-site
 * POSTs; this check also stops a sibling subdomain or a login-CSRF form. Browsers send Origin on
 * every POST; scripts (curl, the test harness) send neither Origin nor Sec-Fetch-Site and cannot
 * be driven by another site, so they pass.
 */

export function isSameOriginRequest(headers: Pick<Headers, "get">, requestUrl: string, appOrigin?: string): boolean {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return false;
    const own = requestOrigin(headers, requestUrl);
    return origin === own || (appOrigin !== undefined && origin === appOrigin);
  }
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/** A 403 for a request another site made the browser send, or undefined when it may proceed. */
export function refuseCrossSiteRequest(request: Request): Response | undefined {
  if (isSameOriginRequest(request.headers, request.url, config().appOrigin)) return undefined;
  return jsonError(
    403,
    "cross_site_request",
    "This request came from another site and was refused. Open the dashboard directly and try again.",
  );
}
