import "server-only";
import http from "node:http";
import type { Socket } from "node:net";
import { normaliseAddress } from "@/lib/server/http/request-facts";
import { stampPeer } from "./peer-stamp";

/*
 * Bounds on slow and greedy clients for the server `next start` runs (issue 10: 3,000 connections
 * trickling a byte every 10 s were all kept for 300 s). Next creates that server itself and gives
 * no handle on it, and it is listening before instrumentation.ts runs; so the guard hooks the
 * events every http.Server emits ('connection', 'request') on the prototype, which reaches the
 * already-created server too. Per connection:
 *  - a client address with `maxPerClient` connections open gets a 503 and a closed socket;
 *  - a request's headers must arrive within `headersTimeoutMs` of the connection, a kept-alive
 *    connection is closed after Node's keep-alive timeout without a next request (the guard keeps
 *    that deadline, see admitRequest), and the whole request, body included, within
 *    `requestTimeoutMs` of its headers. Only the request is timed: a long streamed answer (an
 *    export) is never cut, since by then the request is complete.
 * Node's own headersTimeout/requestTimeout are set too, as a second line (it checks them only
 * every 30 s). Every request also gets the peer stamp (peer-stamp.ts).
 */

export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** 0: no cap. */
  maxPerClient: number;
}

interface SocketState {
  timer?: NodeJS.Timeout;
  /** Bumped by every arm and disarm: a deadline fires only if nothing re-armed it meanwhile. */
  armed: number;
}

const states = new WeakMap<Socket, SocketState>();
const openByServer = new WeakMap<http.Server, Map<string, number>>();

const REFUSAL_BODY = JSON.stringify({
  error: { type: "too_many_connections", message: "Too many open connections from your address. Close some (or wait a few seconds) and try again." },
});
const REFUSAL =
  "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 5\r\ncache-control: no-store\r\nconnection: close\r\n" +
  `content-length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`;
const TIMED_OUT = "HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";

/** Says why, then closes; a client that never reads cannot hold the socket past the grace. */
function closeWith(socket: Socket, answer: string): void {
  if (socket.destroyed) return;
  if (!socket.writableEnded) socket.end(answer);
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/**
 * A deadline for the socket. When it is due, the decision waits for one turn of the event loop
 * (setImmediate runs after the poll phase has read the sockets): after a stall of the server's own
 * (a 200,000-membership sync finishing held it 15 s), a timer is due at once though the client's
 * request has been waiting in the socket all along; reading it first re-arms, and the client is
 * not cut off (and reset, its unread request still in the buffer) for the server's delay.
 */
function arm(socket: Socket, ms: number, onFire: () => void): void {
  const state = states.get(socket);
  if (!state) return;
  if (state.timer) clearTimeout(state.timer);
  const generation = ++state.armed;
  state.timer = setTimeout(() => {
    setImmediate(() => {
      if (state.armed === generation) onFire();
    });
  }, ms);
  state.timer.unref();
}

function disarm(socket: Socket): void {
  const state = states.get(socket);
  if (!state) return;
  state.armed++;
  if (state.timer) clearTimeout(state.timer);
}

function awaitHeaders(socket: Socket, limits: ConnectionLimits): void {
  arm(socket, limits.headersTimeoutMs, () => closeWith(socket, TIMED_OUT));
}

/** False when the connection was refused (the server must not see it). */
export function admitConnection(server: http.Server, socket: Socket, limits: ConnectionLimits): boolean {
  let open = openByServer.get(server);
  if (!open) {
    open = new Map();
    openByServer.set(server, open);
    server.headersTimeout = limits.headersTimeoutMs;
    server.requestTimeout = limits.requestTimeoutMs;
  }
  const address = normaliseAddress(socket.remoteAddress ?? "unknown");
  const count = open.get(address) ?? 0;
  // A refused client may reset the connection while we answer; that is not the server's error.
  socket.on("error", () => {});
  if (limits.maxPerClient > 0 && count >= limits.maxPerClient) {
    closeWith(socket, REFUSAL);
    return false;
  }
  open.set(address, count + 1);
  states.set(socket, { armed: 0 });
  socket.once("close", () => {
    disarm(socket);
    const n = (open.get(address) ?? 1) - 1;
    if (n <= 0) open.delete(address);
    else open.set(address, n);
  });
  awaitHeaders(socket, limits);
  return true;
}

/** The headers are in: stamp the peer, and give the rest of the request its own deadline. */
export function admitRequest(server: http.Server, req: http.IncomingMessage, res: http.ServerResponse, limits: ConnectionLimits): void {
  stampPeer(req);
  const socket = req.socket;
  arm(socket, limits.requestTimeoutMs, () => {
    // `complete`: the whole request (body included) has been received; the answer may stream on.
    if (!req.complete) closeWith(socket, res.headersSent ? "" : TIMED_OUT);
  });
  res.once("finish", () => {
    if (socket.destroyed || !req.complete) return;
    // Kept alive and idle: closed quietly after Node's keep-alive timeout, as Node would, but by a
    // deadline that reads the socket first (see arm). Node's own is a plain socket timeout: after a
    // stall of the server's (a 200,000-membership sync completing holds the embedded database, on
    // this thread, for seconds) it fires before the request waiting in the socket is read, and the
    // client's request is lost to a reset. Node's runs on 'finish' before this listener: cancelled here.
    socket.setTimeout(0);
    const idleMs = Math.min(server.keepAliveTimeout || limits.headersTimeoutMs, limits.headersTimeoutMs);
    arm(socket, idleMs, () => closeWith(socket, ""));
  });
}

const KEY = Symbol.for("compliance-directory.connection-guard");

/** Hooks every http.Server of this process; once. */
export function installConnectionGuard(limits: ConnectionLimits): void {
  const g = globalThis as { [KEY]?: ConnectionLimits };
  if (g[KEY]) return;
  g[KEY] = limits;
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "connection" && !admitConnection(this, args[0] as Socket, limits)) return true;
    if (event === "request") admitRequest(this, args[0] as http.IncomingMessage, args[1] as http.ServerResponse, limits);
    // An upgraded connection (the dev server's live reload) is no longer an HTTP request to time.
    if (event === "upgrade") disarm(args[1] as Socket);
    return emit.call(this, event, ...args);
  };
}
