/*
 * The Content-Security-Policy every response carries. Scripts run only with this request's nonce
 * ('strict-dynamic' lets those scripts load Next's chunks); Next reads the nonce from the request's
 * own CSP header (set by proxy.ts) and stamps it on its scripts when it renders a page.
 * Styles keep 'unsafe-inline': React writes `style` attributes (virtualised tables position rows
 * that way) and attributes cannot carry a nonce; a nonce in style-src would switch that off.
 * No "server-only": proxy.ts and tests import it; it holds no secret.
 */

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for React's error overlay; production never does. */
  development?: boolean;
  /** Only over https: on plain http (the localhost demo) it would send the browser to a port with no TLS. */
  upgradeInsecureRequests?: boolean;
}

/** 16 random bytes, base64: unguessable, and only characters a nonce-source allows. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(opts: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (opts.upgradeInsecureRequests) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
