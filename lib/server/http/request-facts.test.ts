import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { PEER_HEADER, stampPeer } from "@/lib/server/http/peer-stamp";
import { clientFacts, cookiesShouldBeSecure, normaliseAddress, requestOrigin } from "./request-facts";

const h = (init: Record<string, string>) => new Headers(init);

/** Headers as the connection guard leaves them for a request from `peer`. */
function stamped(peer: string, init: Record<string, string> = {}): Headers {
  const req = { headers: { [PEER_HEADER]: "forged 9.9.9.9" } as Record<string, string>, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  stampPeer(req);
  return h({ ...init, [PEER_HEADER]: String(req.headers[PEER_HEADER]) });
}

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

  it("with nothing in front, the client is the socket's address and X-Forwarded-For is ignored", () => {
    const headers = stamped("203.0.113.5", { "x-forwarded-for": "1.2.3.4" });
    expect(clientFacts(headers, undefined)).toEqual({ address: "203.0.113.5", socketAddress: "203.0.113.5", forwardedFor: "1.2.3.4" });
    expect(clientFacts(stamped("::ffff:127.0.0.1"), undefined).address).toBe("127.0.0.1");
    // A stamp the client wrote itself (it cannot know the process's secret) is not believed.
    expect(clientFacts(h({ [PEER_HEADER]: "guess 1.2.3.4" }), undefined).address).toBe("unknown");
    expect(clientFacts(h({}), undefined).address).toBe("unknown");
  });

  it("behind TRUSTED_PROXY_HOPS proxies, the client is that many X-Forwarded-For entries from the right", () => {
    // A client claiming 1.2.3.4 through one proxy that appended the real peer.
    expect(clientFacts(stamped("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), 1).address).toBe("198.51.100.7");
    expect(clientFacts(stamped("10.0.0.9", { "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }), 2).address).toBe("198.51.100.7");
    // Fewer entries than proxies: it did not come through them, so only the socket is known.
    expect(clientFacts(stamped("10.0.0.9", { "x-forwarded-for": "10.0.0.1" }), 3).address).toBe("10.0.0.9");
    expect(clientFacts(stamped("10.0.0.9", { "x-forwarded-for": "1.2.3.4, 10.0.0.1" }), 1)).toEqual({
      address: "10.0.0.1",
      socketAddress: "10.0.0.9",
      forwardedFor: "1.2.3.4, 10.0.0.1",
    });
  });

  it("addresses are normalised so one client is one key", () => {
    expect(normaliseAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("192.0.2.1:5555")).toBe("192.0.2.1");
    expect(normaliseAddress("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:db8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
  });
});
