import "server-only";
import { readPeer } from "@/lib/server/http/peer-stamp";

/*
 * Facts about a request that the session layer needs: where it came from (the client address for
 * the login throttle), what origin it was addressed to (the CSRF check, the Secure decision).
 * Next's server fills x-forwarded-proto/-host/-for from the socket when a client did not send
 * them, and keeps them when it did; so the client's address comes from the socket stamp instead.
 */

type HeaderSource = Pick<Headers, "get">;

const firstValue = (v: string | null) => v?.split(",")[0]?.trim() || undefined;

/** The scheme and host this request was sent to, as the browser saw them: `https://app.example.com`. */
export function requestOrigin(headers: HeaderSource, requestUrl?: string): string | undefined {
  let proto = firstValue(headers.get("x-forwarded-proto"));
  let host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host"));
  if ((!proto || !host) && requestUrl) {
    try {
      const u = new URL(requestUrl);
      proto ??= u.protocol.replace(/:$/, "");
      host ??= u.host;
    } catch {
      /* no usable URL: fall through */
    }
  }
  if (!proto || !host || (proto !== "http" && proto !== "https")) return undefined;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Plain http to this machine: the one case where a Secure cookie would be refused by some clients. */
export function isPlainHttpLocalhost(origin: string | undefined): boolean {
  if (!origin) return false;
  const u = new URL(origin);
  return u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname);
}

export function cookiesShouldBeSecure(setting: boolean | "auto", origin: string | undefined): boolean {
  if (setting !== "auto") return setting;
  return !isPlainHttpLocalhost(origin);
}

const MAX_FORWARDED_ENTRIES = 32;

/** Where a request came from, as the login throttle and the audit log see it. */
export interface ClientFacts {
  /** The client, normalised: the socket's address, or the X-Forwarded-For entry `trustedHops` from the right. */
  address: string;
  /** The socket's address as the connection guard stamped it ("unknown" before the guard runs). */
  socketAddress: string;
  /** X-Forwarded-For as received (cut short), for the audit log; whatever the client wrote. */
  forwardedFor?: string;
}

/**
 * The client's address. With nothing in front (`trustedHops` undefined) it is the socket's peer
 * (lib/server/http/peer-stamp.ts) and X-Forwarded-For is ignored: there, its every entry is what
 * the client wrote. Behind `trustedHops` proxies that each append the address they saw, the
 * client is that many entries from the right; entries further left are the client's own words.
 */
export function clientFacts(headers: HeaderSource, trustedHops: number | undefined): ClientFacts {
  const socketAddress = readPeer(headers) ?? "unknown";
  const raw = headers.get("x-forwarded-for") ?? undefined;
  const forwardedFor = raw ? raw.slice(0, 512) : undefined;
  let picked = socketAddress;
  if (trustedHops !== undefined) {
    const entries = (raw ?? "")
      .split(",")
      .slice(-MAX_FORWARDED_ENTRIES)
      .map((s) => s.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request did not come through them all; the socket is what we know.
    picked = entries.length >= trustedHops ? entries[entries.length - trustedHops]! : socketAddress;
  }
  return { address: normaliseAddress(picked), socketAddress, ...(forwardedFor ? { forwardedFor } : {}) };
}

/** IPv4-mapped IPv6 folds to IPv4; other IPv6 addresses fold to their /64, which one client usually owns whole. */
export function normaliseAddress(addr: string): string {
  let a = addr.trim().toLowerCase().slice(0, 64);
  if (a.startsWith("[")) a = a.slice(1, a.indexOf("]") > 0 ? a.indexOf("]") : undefined);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (/^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/.test(a)) return a.replace(/:\d+$/, "");
  if (a.includes(":") && /^[0-9a-f:]+$/.test(a)) {
    const [head = "", tail = ""] = a.split("::");
    const headParts = head ? head.split(":") : [];
    const tailParts = tail ? tail.split(":") : [];
    const zeros = a.includes("::") ? Array(Math.max(0, 8 - headParts.length - tailParts.length)).fill("0") : [];
    const full = [...headParts, ...zeros, ...tailParts];
    if (full.length === 8) return `${full.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
  }
  return a || "unknown";
}
