import { Worker } from "node:worker_threads";

/*
 * The simulator's arrival clock. The simulator stamps a request when its handler runs; at 200,000
 * memberships it spends tens to hundreds of milliseconds building a page or collecting garbage, and
 * requests that arrived meanwhile are stamped together when it gets to them. A sender measured at
 * exactly 10 starts a second (undici's own send times) showed up to 15 in one second of the log.
 * The real API has no such stall, and the rate promise is about arrivals, so this clock runs on a
 * thread of its own that does nothing else: a TCP front that forwards every byte to the simulator
 * and adds `x-simulator-arrived-at: <epoch ms>` to each request head, taken when its first byte
 * came in. The simulator logs and rate-limits by that time.
 *
 * The worker is plain JavaScript evaluated from a string, so it runs under any loader (tsx, vitest,
 * node) without a build step.
 */

export const ARRIVED_AT_HEADER = "x-simulator-arrived-at";

const WORKER_SOURCE = String.raw`
const net = require("node:net");
const { parentPort, workerData } = require("node:worker_threads");
const HEADER = workerData.header;
const END = Buffer.from("\r\n\r\n");
const MAX_HEAD = 64 * 1024;

// One client connection: request heads get the arrival stamp, bodies (content-length) pass as they are.
function front(client) {
  const upstream = net.connect(workerData.port, "127.0.0.1");
  upstream.setNoDelay(true);
  client.setNoDelay(true);
  let head = null; // bytes of a head not yet complete
  let arrivedAt = 0;
  let body = 0; // body bytes still to pass before the next head
  let raw = false; // a body we cannot measure (chunked): pass everything from here on
  client.on("data", (chunk) => {
    if (raw) return void upstream.write(chunk);
    let at = 0;
    while (at < chunk.length) {
      if (body > 0) {
        const n = Math.min(body, chunk.length - at);
        upstream.write(chunk.subarray(at, at + n));
        body -= n;
        at += n;
        continue;
      }
      if (head === null) {
        head = Buffer.alloc(0);
        arrivedAt = Date.now();
      }
      head = Buffer.concat([head, chunk.subarray(at)]);
      at = chunk.length;
      const end = head.indexOf(END);
      if (end < 0) {
        if (head.length > MAX_HEAD) { raw = true; upstream.write(head); head = null; }
        continue;
      }
      const text = head.subarray(0, end).toString("latin1");
      const firstLine = text.indexOf("\r\n");
      const stamped = firstLine < 0 ? text + "\r\n" + HEADER + ": " + arrivedAt : text.slice(0, firstLine) + "\r\n" + HEADER + ": " + arrivedAt + text.slice(firstLine);
      upstream.write(Buffer.from(stamped + "\r\n\r\n", "latin1"));
      const rest = head.subarray(end + 4);
      head = null;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      if (/\r\ntransfer-encoding:/i.test(text)) raw = true;
      body = length ? Number(length[1]) : 0;
      if (raw) { if (rest.length) upstream.write(rest); return; }
      // What followed the head in this chunk: a body, or the next request.
      chunk = rest;
      at = 0;
    }
  });
  upstream.on("data", (chunk) => client.write(chunk));
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on("end", () => upstream.end());
  upstream.on("end", () => client.end());
  client.on("error", close);
  upstream.on("error", close);
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
}

const server = net.createServer(front);
const sockets = new Set();
server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "close") { for (const s of sockets) s.destroy(); server.close(() => parentPort.postMessage("closed")); }
});
`;

export interface ArrivalClock {
  /** The port clients connect to instead of the simulator's. */
  port: number;
  close(): Promise<void>;
}

/** Starts the clock in front of the simulator listening on 127.0.0.1:`port`. */
export async function startArrivalClock(port: number): Promise<ArrivalClock> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port, header: ARRIVED_AT_HEADER } });
  const clockPort = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (m: { port: number }) => resolve(m.port));
  });
  // The simulator's process ends when its server closes; the clock's thread must not hold it open.
  worker.unref();
  return {
    port: clockPort,
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.once("message", () => resolve()));
      worker.postMessage("close");
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000).unref())]);
      await worker.terminate();
    },
  };
}

/** The arrival time the clock stamped on a request's head, or undefined for a request that came another way. */
export function arrivedAt(headers: Record<string, string | string[] | undefined>): number | undefined {
  const v = headers[ARRIVED_AT_HEADER];
  if (typeof v !== "string" || !/^\d{13}$/.test(v)) return undefined;
  return Number(v);
}
