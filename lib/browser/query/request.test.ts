import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startHttpStub, type HttpStub } from "@/lib/tools/testing/http-stub";
import { REFRESH_HEADER } from "@/lib/shared/refresh-header";
import { ApiError } from "./api-error";
import { fetchJson, filenameFromDisposition, postJson, readNdjson, request } from "./request";

/*
 * The browser's one request module against a real HTTP server: what is sent (method, JSON body,
 * query, the Refresh header) and how every kind of failure becomes one ApiError.
 */

let stub: HttpStub;
let base: string;

beforeAll(async () => {
  stub = await startHttpStub((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(value));
      };
      switch (url.pathname) {
        case "/echo":
          return json(200, { method: req.method, query: url.search, body: body ? JSON.parse(body) : null, type: req.headers["content-type"] ?? null, fresh: req.headers[REFRESH_HEADER] ?? null });
        case "/refused":
          return json(409, { error: { type: "directory_changed", message: "A newer sync replaced it; reload." } }, { "request-id": "req_header" });
        case "/bare-500":
          res.writeHead(500).end("oops");
          return;
        case "/lines":
          res.writeHead(200, { "content-type": "application/x-ndjson" });
          res.end('{"n":1}\n{"n":2}\n\n{"n":3}');
          return;
        case "/bad-line":
          res.writeHead(200, { "content-type": "application/x-ndjson" });
          res.end('{"n":1}\n{"n":"two"}\n');
          return;
        default:
          res.writeHead(404).end();
      }
    });
  });
  base = stub.base;
});
afterAll(() => stub.close());

const echo = z.object({ method: z.string(), query: z.string(), body: z.unknown(), type: z.string().nullable(), fresh: z.string().nullable() });

describe("the browser's one request module", () => {
  it("GETs JSON with the query (empty values left out) and the Refresh header when asked", async () => {
    const got = await fetchJson(`${base}/echo`, echo, { query: { a: "1", b: undefined, c: "" }, fresh: true });
    expect(got).toEqual({ method: "GET", query: "?a=1", body: null, type: null, fresh: "1" });
  });

  it("POSTs a JSON body", async () => {
    const got = await postJson(`${base}/echo`, { name: "x" }, echo);
    expect(got).toMatchObject({ method: "POST", body: { name: "x" }, type: "application/json", fresh: null });
  });

  it("turns the server's error shape into an ApiError with its words, status and request id", async () => {
    const e = await fetchJson(`${base}/refused`, echo).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ type: "directory_changed", status: 409, message: "A newer sync replaced it; reload.", requestId: "req_header" });
  });

  it("says so when an error answer has no explanation", async () => {
    await expect(request(`${base}/bare-500`)).rejects.toMatchObject({ type: "http_error", status: 500, message: expect.stringMatching(/HTTP 500 without an explanation/) });
  });

  it("calls an answer of the wrong shape malformed", async () => {
    await expect(fetchJson(`${base}/echo`, z.object({ rows: z.array(z.string()) }))).rejects.toMatchObject({ type: "malformed_response", status: 200 });
  });

  it("calls a server that does not answer a network failure", async () => {
    const closed = await startHttpStub(() => {});
    await closed.close();
    await expect(fetchJson(`${closed.base}/echo`, echo)).rejects.toMatchObject({ type: "network", status: 0 });
  });

  it("passes a cancel on as the AbortError, not as a failure to show", async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(fetchJson(`${base}/echo`, echo, { signal: ctl.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reads NDJSON line by line (blank lines skipped, a last line without newline kept) and refuses a line of the wrong shape", async () => {
    const seen: number[] = [];
    await readNdjson(`${base}/lines`, z.object({ n: z.number() }), (l) => seen.push(l.n));
    expect(seen).toEqual([1, 2, 3]);
    await expect(readNdjson(`${base}/bad-line`, z.object({ n: z.number() }), () => {})).rejects.toMatchObject({ type: "malformed_response" });
  });

  it("takes the filename from the response, never a path", () => {
    expect(filenameFromDisposition('attachment; filename="roles-2026-01-02.csv"', "x.csv")).toBe("roles-2026-01-02.csv");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "x.csv")).toBe("x.csv");
    expect(filenameFromDisposition(null, "x.csv")).toBe("x.csv");
  });
});
