import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installConnectionGuard } from "./connection-guard";

/*
 * The guard's deadlines are the client's, not the server's: when the server's own event loop is
 * held past a deadline while a client's next request waits in the socket, the request is read and
 * answered, not cut off with a 408 (and a reset). The server runs in this process so the test can
 * hold its loop; the outcome is what the client received, not a stopwatch.
 */

const HEADERS_MS = 200;
let server: http.Server;
let port: number;

beforeAll(async () => {
  installConnectionGuard({ headersTimeoutMs: HEADERS_MS, requestTimeoutMs: 1_000, maxPerClient: 0 });
  server = http.createServer((_req, res) => res.end("ok"));
  // Shorter than the headers deadline, as in production (5 s against 15 s): the keep-alive deadline decides an idle connection.
  server.keepAliveTimeout = HEADERS_MS / 2;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const REQUEST = "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n";

function holdTheLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* the server's own stall: a long synchronous task */
  }
}

/** A raw connection to the server: what it has received, the statuses in it, and its close. */
function connect(onData?: (client: Client) => void) {
  const socket = net.connect(port, "127.0.0.1");
  const client = { socket, received: "", statuses: () => client.received.match(/HTTP\/1\.1 \d{3}/g) ?? [] };
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  const connected = new Promise<void>((r) => socket.once("connect", () => r()));
  socket.on("error", () => {});
  socket.on("data", (d) => {
    client.received += d;
    onData?.(client);
  });
  return { client, closed, connected };
}
type Client = { socket: net.Socket; received: string; statuses: () => string[] };

describe("connection guard", () => {
  it("answers a kept-alive request that waited in the socket while the server itself was stalled past the deadline", async () => {
    const { client, closed, connected } = connect((c) => {
      if (c.statuses().length !== 1) return;
      // In this I/O callback, as a sync's long statement would: the next request is sent, then the
      // loop is held past both deadlines, so the next turn starts with their timers due and the
      // request still unread in the socket.
      c.socket.write(REQUEST);
      holdTheLoop(HEADERS_MS * 3);
    });
    await connected;
    client.socket.write(REQUEST);
    await expect.poll(() => client.statuses().length).toBe(2);
    expect(client.statuses()).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    client.socket.end();
    await closed;
  });

  it("closes a kept-alive connection that stays idle, quietly (no 408: nothing was asked)", async () => {
    const { client, closed, connected } = connect();
    await connected;
    client.socket.write(REQUEST);
    await closed;
    expect(client.statuses()).toEqual(["HTTP/1.1 200"]);
  });

  it("still closes a connection that sends no request within the deadline (a 408)", async () => {
    const { client, closed } = connect();
    await closed;
    expect(client.received).toMatch(/^HTTP\/1\.1 408/);
  });
});
