import net from "node:net";

/*
 * A client on a raw TCP socket, from a chosen loopback source address (Linux routes all of
 * 127.0.0.0/8 to lo, so 127.0.0.2, 127.0.0.3 ... are distinct clients of a server on 127.0.0.1).
 * For the slow-client cases: bytes trickled at a pace, and what the server did meanwhile.
 */

export interface Exchange {
  /** Everything the server sent. */
  received: string;
  /** The server closed (or reset) the connection before the client had sent everything. */
  closedEarly: boolean;
}

export function connectFrom(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress });
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends `head` at once, then `trickle` one byte per `everyMs`, then `tail`; resolves when the socket closes. */
export async function trickle(port: number, localAddress: string, opts: { head: string; trickle: string; everyMs: number; tail?: string }): Promise<Exchange> {
  const socket = await connectFrom(port, localAddress);
  let received = "";
  let done = false;
  let closed = false;
  socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
  socket.on("error", () => {});
  const closedP = new Promise<void>((resolve) => socket.once("close", () => ((closed = true), resolve())));
  socket.write(opts.head);
  for (const ch of opts.trickle) {
    await new Promise((r) => setTimeout(r, opts.everyMs));
    if (closed) break;
    socket.write(ch);
  }
  if (!closed) {
    done = true;
    socket.write(opts.tail ?? "");
    // A server that answered leaves the connection open (keep-alive): end it ourselves.
    setTimeout(() => socket.end(), 1_000);
  }
  await closedP;
  return { received, closedEarly: !done };
}

/** Opens a connection and sends nothing; resolves with what the server sent by the time it closed. */
export async function idle(port: number, localAddress: string): Promise<{ socket: net.Socket; closed: Promise<string> }> {
  const socket = await connectFrom(port, localAddress);
  let received = "";
  socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
  socket.on("error", () => {});
  return { socket, closed: new Promise((resolve) => socket.once("close", () => resolve(received))) };
}

/** One GET with `connection: close`, from `localAddress`; the status line's code (0: no answer). */
export async function getFrom(port: number, localAddress: string, path: string): Promise<number> {
  const socket = await connectFrom(port, localAddress);
  let received = "";
  socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
  socket.on("error", () => {});
  socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\n\r\n`);
  await new Promise((resolve) => socket.once("close", resolve));
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
}
