import { describe, expect, it } from "vitest";
import { clientAddress, cookiesShouldBeSecure, normaliseAddress, requestOrigin } from "./request-facts";

const h = (init: Record<string, string>) => new Headers(init);

describe("request facts", () => {
  it("the request's own origin comes from the forwarded headers Next fills in, else the URL", () => {
    expect(requestOrigin(h({ "x-forwarded-proto": "https", "x-forwarded-host": "dash.example.com", host: "10.0.0.5:3000" }))).toBe("https://dash.example.com");
    expect(requestOrigin(h({ host: "127.0.0.1:3000" }), "http://127.0.0.1:3000/api/auth/login")).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(h({ "x-forwarded-proto": "https,http", host: "dash.example.com:443" }))).toBe("https://dash.example.com");
    expect(requestOrigin(h({ "x-forwarded-proto": "gopher", host: "x" }))).toBeUndefined();
  });

  it("cookies are Secure everywhere but plain http on localhost, unless forced", () => {
    expect(cookiesShouldBeSecure("auto", "http://localhost:3000")).toBe(false);
    expect(cookiesShouldBeSecure("auto", "http://127.0.0.1:41234")).toBe(false);
    expect(cookiesShouldBeSecure("auto", "http://[::1]:3000")).toBe(false);
    expect(cookiesShouldBeSecure("auto", "https://localhost:3000")).toBe(true);
    expect(cookiesShouldBeSecure("auto", "http://dash.internal:3000")).toBe(true);
    expect(cookiesShouldBeSecure("auto", "http://localhost.evil.example")).toBe(true);
    expect(cookiesShouldBeSecure("auto", undefined)).toBe(true);
    expect(cookiesShouldBeSecure(false, "https://dash.example.com")).toBe(false);
    expect(cookiesShouldBeSecure(true, "http://localhost:3000")).toBe(true);
  });

  it("the client address is the X-Forwarded-For entry our own proxies appended, not what the client wrote", () => {
    // A client claiming 1.2.3.4 through one proxy that appended the real peer.
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), 1)).toBe("198.51.100.7");
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
    // Nothing in front: Next records the socket peer.
    expect(clientAddress(h({ "x-forwarded-for": "::ffff:127.0.0.1" }), 1)).toBe("127.0.0.1");
    expect(clientAddress(h({ "x-forwarded-for": "10.0.0.1" }), 3)).toBe("10.0.0.1");
    expect(clientAddress(h({}), 1)).toBe("unknown");
  });

  it("addresses are normalised so one client is one key", () => {
    expect(normaliseAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("192.0.2.1:5555")).toBe("192.0.2.1");
    expect(normaliseAddress("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:db8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
  });
});
