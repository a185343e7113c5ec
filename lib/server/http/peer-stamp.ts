import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

/*
 * The socket's address, carried to route handlers. Next's route handlers see a Request, not the
 * socket, and Next fills `x-forwarded-for` from the socket only when the client sent none, so a
 * client could pick its own address. The connection guard (installed from instrumentation.ts)
 * writes this header on every request as it arrives, replacing whatever the client sent, with a
 * per-process secret in front: a request that arrived before the guard was installed carries no
 * valid stamp, and a client cannot forge one.
 */

export const PEER_HEADER = "x-compliance-directory-peer";

const KEY = Symbol.for("compliance-directory.peer-stamp-secret");

function secret(): string {
  const g = globalThis as { [KEY]?: string };
  g[KEY] ??= randomBytes(18).toString("base64url");
  return g[KEY];
}

/** Overwrites the header with this socket's address; called for every request the server receives. */
export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = `${secret()} ${req.socket?.remoteAddress ?? "unknown"}`;
}

/** The socket address the guard stamped, or undefined when the stamp is missing or not ours. */
export function readPeer(headers: Pick<Headers, "get">): string | undefined {
  const raw = headers.get(PEER_HEADER);
  if (!raw) return undefined;
  const space = raw.indexOf(" ");
  if (space < 0 || raw.slice(0, space) !== secret()) return undefined;
  return raw.slice(space + 1) || undefined;
}
