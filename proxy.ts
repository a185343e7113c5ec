import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/server/config";
import { isDownloadPath, refuseDownloadRequest } from "@/lib/server/http/download-guard";
import { contentSecurityPolicy, newNonce } from "@/lib/server/http/csp";
import { BASELINE_HEADERS, HSTS } from "@/lib/server/http/headers";
import { loginUrlFor } from "@/lib/shared/session/next-path";
import { cookiesShouldBeSecure, isPlainHttpLocalhost, requestOrigin } from "@/lib/server/http/request-facts";
import { readSessionCookie, REQUEST_PATH_HEADER, SESSION_COOKIE_NAMES, sessionCookieName } from "@/lib/server/session/session-cookie";

/*
 * Runs before every page request (Node runtime). Two jobs:
 *  - a page requested without a live session cookie goes to /login?next=<path>. This is a
 *    convenience, not the security boundary: every API route calls requireSession() itself, and
 *    protected layouts call requirePageSession().
 *  - security headers on every page response, with a Content-Security-Policy whose script nonce is
 *    drawn per request. The same policy goes on the request headers (with `x-nonce`): Next reads
 *    the nonce from there and puts it on its own scripts while it renders the page (pages are
 *    rendered per request: they read the session).
 * API routes are not matched, except the ones that hand out files (GET only, no body): they pass
 * lib/server/http/download-guard first (no cross-site start, no HEAD). Next buffers the body of every request a proxy sees and waits for
 * its end before it answers, even when the proxy itself refuses, so a 100 MB upload would be read
 * whole before a route could say 413. API answers get their headers from next.config.ts.
 */

// Files served from public/ and the metadata routes: no session needed to fetch an icon.
const STATIC_FILE = /\.(?:ico|png|jpe?g|gif|svg|webp|avif|txt|xml|webmanifest|json|css|js|map|woff2?)$/i;

const isPublicPath = (pathname: string) =>
  pathname === "/login" || pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/_next/") || STATIC_FILE.test(pathname);

function policyFor(origin: string | undefined): { nonce: string; csp: string } {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    upgradeInsecureRequests: origin?.startsWith("https:") ?? false,
  });
  return { nonce, csp };
}

function withSecurityHeaders(response: NextResponse, origin: string | undefined, csp: string): NextResponse {
  const h = response.headers;
  for (const [name, value] of Object.entries(BASELINE_HEADERS)) h.set(name, value);
  h.set("Content-Security-Policy", csp);
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  if (origin?.startsWith("https:")) h.set("Strict-Transport-Security", HSTS);
  return response;
}

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  if (isDownloadPath(pathname)) return refuseDownloadRequest(request.method, request.headers) ?? NextResponse.next();
  const origin = requestOrigin(request.headers, request.url);
  const { nonce, csp } = policyFor(origin);

  if (!isPublicPath(pathname)) {
    const cfg = appConfig();
    const secure = cookiesShouldBeSecure(cfg.secureCookies, origin);
    const session = await readSessionCookie(request.cookies.get(sessionCookieName(secure))?.value, Date.now(), cfg);
    if (!session) {
      const response = NextResponse.redirect(new URL(loginUrlFor(pathname + search), request.url), 307);
      // A dead cookie (idle, expired, old secret) is cleared so the login page starts clean.
      for (const name of SESSION_COOKIE_NAMES) {
        if (request.cookies.has(name)) {
          response.cookies.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Host-") || !isPlainHttpLocalhost(origin) });
        }
      }
      response.headers.set("cache-control", "no-store");
      return withSecurityHeaders(response, origin, csp);
    }
  }

  // Tell server components which path this is (for their own login redirect); never trust a client's copy.
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, pathname + search);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), origin, csp);
}

export const config = {
  // The download paths are lib/server/http/download-guard's DOWNLOAD_PATH_PATTERNS (the matcher must be literal).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)", "/api/export/:file", "/api/audit.csv", "/api/audit.xlsx", "/api/seed-lists/:id/download", "/api/directory/changes.csv", "/api/directory/changes.ndjson"],
};
