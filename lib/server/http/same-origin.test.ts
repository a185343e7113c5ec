import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const URL_ = "http://127.0.0.1:3000/api/auth/login";
const check = (headers: Record<string, string>, appOrigin?: string) =>
  isSameOriginRequest(new Headers({ host: "127.0.0.1:3000", ...headers }), URL_, appOrigin);

describe("state-changing requests must come from the dashboard itself (CSRF)", () => {
  it("accepts the dashboard's own origin", () => {
    expect(check({ origin: "http://127.0.0.1:3000" })).toBe(true);
    expect(check({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBe(true);
  });

  it("refuses another site, another port, another scheme, and the opaque null origin", () => {
    expect(check({ origin: "https://evil.example" })).toBe(false);
    expect(check({ origin: "http://127.0.0.1:3001" })).toBe(false);
    expect(check({ origin: "https://127.0.0.1:3000" })).toBe(false);
    expect(check({ origin: "null" })).toBe(false);
  });

  it("accepts the public origin a proxy in front serves, when APP_ORIGIN names it", () => {
    expect(check({ origin: "https://compliance.example.com" }, "https://compliance.example.com")).toBe(true);
  });

  it("without Origin, trusts only Sec-Fetch-Site same-origin/none, or no browser at all", () => {
    expect(check({})).toBe(true); // curl, scripts: no browser, no ambient cookies to abuse
    expect(check({ "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check({ "sec-fetch-site": "none" })).toBe(true);
    expect(check({ "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check({ "sec-fetch-site": "same-site" })).toBe(false);
  });
});
