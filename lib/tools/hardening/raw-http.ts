import http from "node:http";
import { Readable } from "node:stream";

/*
 * Requests sent byte for byte as written: fetch would normalise `../` out of a path before it left,
 * and could not show how much of a large body the server read before answering.
 */

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(baseUrl: string, path: string, req: RawRequest = {}): Promise<RawAnswer> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: u.hostname, port: u.port, method: req.method ?? "GET", path, headers: { ...(req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {}), ...req.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

export interface FloodResult {
  status: number;
  text: string;
  /** Bytes of the body handed to the socket before the answer came back. */
  bytesSent: number;
}

/**
 * Sends up to `totalBytes` of `chunk` repeated as a POST body, lazily (only as fast as the server
 * reads), and resolves as soon as the server answers; the rest is never sent. With `declareLength`
 * the request says its full size up front, otherwise it is chunked.
 */
export function flood(baseUrl: string, path: string, opts: { totalBytes: number; chunk: Buffer; headers: Record<string, string>; declareLength: boolean; prefix?: string }): Promise<FloodResult> {
  const u = new URL(baseUrl);
  let bytesSent = 0;
  let stopped = false;
  const prefix = Buffer.from(opts.prefix ?? "");
  const body = new Readable({
    read() {
      if (stopped) return;
      if (bytesSent === 0 && prefix.length > 0) {
        bytesSent += prefix.length;
        this.push(prefix);
        return;
      }
      if (bytesSent >= opts.totalBytes) {
        this.push(null);
        return;
      }
      const piece = opts.chunk.subarray(0, Math.min(opts.chunk.length, opts.totalBytes - bytesSent));
      bytesSent += piece.length;
      this.push(piece);
    },
  });
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: "POST",
        path,
        headers: { ...opts.headers, ...(opts.declareLength ? { "content-length": String(opts.totalBytes) } : { "transfer-encoding": "chunked" }) },
      },
      (res) => {
        const sentWhenAnswered = bytesSent;
        stopped = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          r.destroy();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), bytesSent: sentWhenAnswered });
        });
        res.on("error", reject);
      },
    );
    // The server may close the connection once it has answered; that is not a failure here.
    r.on("error", (e) => (stopped ? undefined : reject(e)));
    body.pipe(r);
  });
}
