import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

const directive = (csp: string, name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with this request's nonce: no 'unsafe-inline' and no eval for scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123==" });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(csp, "default-src")).toBe("default-src 'self'");
  });

  it("refuses framing, plugins and foreign form targets", () => {
    const csp = contentSecurityPolicy({ nonce: "n" });
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "form-action")).toBe("form-action 'self'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
  });

  it("asks for https upgrades only when served over https, and eval only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n" })).not.toMatch(/upgrade-insecure-requests|unsafe-eval/);
    expect(contentSecurityPolicy({ nonce: "n", upgradeInsecureRequests: true })).toMatch(/upgrade-insecure-requests$/);
    expect(directive(contentSecurityPolicy({ nonce: "n", development: true }), "script-src")).toMatch(/'unsafe-eval'$/);
  });

  it("draws a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
