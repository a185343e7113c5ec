import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { throwawayAuditLogEach } from "@/lib/tools/testing/throwaway-stores";
import { drain, readAll } from "@/lib/tools/testing/export-test-harness";
import { UpstreamError } from "@/lib/server/upstream/errors";
import { auditedExportStream, type ExportChunk } from "./audited-stream";

const log = throwawayAuditLogEach("export-");

const base = { actor: "officer", target: "test.csv", filters: { org: ["x"] } };

describe("an audited export body", () => {
  it("sends the preamble and every page, and logs rows, bytes and the SHA-256 of exactly those bytes", async () => {
    async function* pages(): AsyncGenerator<ExportChunk> {
      yield { text: "a\r\n", rows: 1 };
      yield { text: "", rows: 0 }; // a page the filters emptied
      yield { text: "b\r\nc\r\n", rows: 2 };
    }
    const body = await readAll(auditedExportStream({ ...base, audit: log.audit, preamble: "\uFEFFh\r\n", produce: pages }));
    expect(body.toString("utf8")).toBe("\uFEFFh\r\na\r\nb\r\nc\r\n");
    const [entry] = (await log.audit.list()).entries;
    expect(entry).toMatchObject({ ...base, action: "export", outcome: "completed", rows: 3, bytes: body.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(entry!.started_at).toBeDefined();
  });

  it("errors the body when the source fails mid-way, after logging it aborted with what was sent", async () => {
    async function* pages(): AsyncGenerator<ExportChunk> {
      yield { text: "a\r\n", rows: 1 };
      throw new UpstreamError({ kind: "server", message: "The Compliance API kept failing.", status: 503, requestId: "req_123" });
    }
    const received: Uint8Array[] = [];
    const stream = auditedExportStream({ ...base, audit: log.audit, preamble: "h\r\n", produce: pages });
    await expect(drain(stream, received)).rejects.toThrow(/kept failing/);
    const sent = Buffer.concat(received);
    const [entry] = (await log.audit.list()).entries;
    expect(entry).toMatchObject({ outcome: "aborted", rows: 1, bytes: sent.length, detail: "The Compliance API kept failing. (request-id req_123)" });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
  });

  it("walks only as fast as the client reads: one page ahead at most", async () => {
    let produced = 0;
    async function* pages(): AsyncGenerator<ExportChunk> {
      for (let i = 0; i < 100; i++) {
        produced++;
        yield { text: `${i}\r\n`, rows: 1 };
      }
    }
    const reader = auditedExportStream({ ...base, audit: log.audit, preamble: "h\r\n", produce: pages }).getReader();
    await reader.read(); // the header, sent before any page is asked for
    await reader.read();
    await reader.read();
    await new Promise((r) => setImmediate(r));
    expect(produced).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it("stops the walk when the client goes away mid-page, and logs the export aborted", async () => {
    let parked!: () => void;
    const isParked = new Promise<void>((r) => (parked = r));
    let sawAbort = false;
    let closed = false;
    async function* pages(signal: AbortSignal): AsyncGenerator<ExportChunk> {
      try {
        yield { text: "a\r\n", rows: 1 };
        // Like a page request waiting on the upstream: only the signal ends it.
        await new Promise<void>((_, reject) => {
          signal.addEventListener("abort", () => reject(new UpstreamError({ kind: "cancelled", message: "cancelled" })), { once: true });
          parked();
        });
        yield { text: "never\r\n", rows: 1 };
      } finally {
        sawAbort = signal.aborted;
        closed = true;
      }
    }
    const client = new AbortController();
    const reader = auditedExportStream({ ...base, audit: log.audit, preamble: "h\r\n", produce: pages, signal: client.signal }).getReader();
    await reader.read();
    await reader.read();
    const pending = reader.read().catch(() => undefined);
    await isParked;
    client.abort();
    await reader.cancel("client gone");
    await pending;
    await new Promise((r) => setImmediate(r));
    expect(sawAbort).toBe(true);
    expect(closed).toBe(true);
    const entries = (await log.audit.list()).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: "aborted", rows: 1 });
  });

  it("closes a walk that is between pages when the download is cancelled", async () => {
    let produced = 0;
    let closed = false;
    async function* pages(): AsyncGenerator<ExportChunk> {
      try {
        for (;;) {
          produced++;
          yield { text: "row\r\n", rows: 1 };
        }
      } finally {
        closed = true;
      }
    }
    const reader = auditedExportStream({ ...base, audit: log.audit, produce: pages }).getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
    expect(produced).toBeLessThanOrEqual(2);
    expect((await log.audit.list()).entries).toMatchObject([{ outcome: "aborted" }]);
  });

  it("never completes an export it could not record: a failing audit log errors the body", async () => {
    const broken = { append: async () => Promise.reject(new Error("disk full")), list: log.audit.list.bind(log.audit), scan: log.audit.scan.bind(log.audit), close: async () => {} };
    async function* pages(): AsyncGenerator<ExportChunk> {
      yield { text: "a\r\n", rows: 1 };
    }
    await expect(readAll(auditedExportStream({ ...base, audit: broken, produce: pages }))).rejects.toThrow(/audit log/);
  });
});
