/*
 * The security headers every answer carries. Pages get them (with a per-request script nonce) from
 * proxy.ts; API answers get them from next.config.ts, because API routes are kept out of the
 * proxy (see proxy.ts). No "server-only": next.config.ts loads this outside Next's bundles.
 */

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
export const HSTS = "max-age=31536000; includeSubDomains";

/** For every answer, page or API. */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": PERMISSIONS_POLICY,
};

/** JSON and CSV answers run nothing and load nothing; nobody may frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
