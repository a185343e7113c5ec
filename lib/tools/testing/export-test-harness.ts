import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { JsonlAuditStore } from "@/lib/server/audit/jsonl-store";
import { startSimulator, type FaultRule } from "@/lib/tools/simulator/server";
import { createLocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { throwawayAuditLogEach } from "@/lib/tools/testing/throwaway-stores";
import { directoryCsvStream, primeExport, type DirectoryCsvExport } from "@/lib/server/export/directory-csv";
import { upstreamDirectory, type FullDirectorySource } from "@/lib/server/export/directory-source";
import { parseDirectoryExportQuery, type DirectoryExportKind, type DirectoryExportQuery } from "@/lib/shared/export/export-query";
import { selectOrganizations } from "@/lib/server/export/users-export";

/*
 * Test support for the directory exports (not a test itself): a simulator reached over real HTTP
 * through a real upstream client and limiter, a fresh audit log per test, and the body read the
 * way a browser reads it. Exports run through primeExport, as the route runs them.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;

export interface ExportHarness {
  readonly sim: Sim;
  readonly source: FullDirectorySource;
  readonly audit: JsonlAuditStore;
  /** Replaces the simulator's fault rules. */
  faults(rules: FaultRule[]): Promise<void>;
  /** The simulator's request log since the test began. */
  log(): Promise<{ path: string; status: number }[]>;
  /** The body of an export as the route builds it (first chunk read before the body starts). */
  stream(exp: DirectoryCsvExport, opts?: { bom?: boolean }): Promise<ReadableStream<Uint8Array>>;
}

/** Registers the hooks of one test file; the returned object is usable inside tests. */
export function setUpExportHarness(simOptions: Parameters<typeof startSimulator>[0]): ExportHarness {
  let sim: Sim | undefined;
  let source: FullDirectorySource | undefined;
  let stopLimiter: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, host: "127.0.0.1", ...simOptions });
    const limiter = createLocalLimiter({ rps: 8 });
    stopLimiter = () => limiter.stop();
    const client = createUpstreamClient({
      baseUrl: sim.url,
      accessKey: sim.keys.full,
      limiter,
      timeoutMs: 10_000,
      maxRetries: 2,
      // Retries stay real (they go through the limiter); only the backoff waits are shortened.
      sleep: (ms, signal) => new Promise((resolve) => (signal?.aborted ? resolve() : setTimeout(resolve, Math.min(ms, 20)))),
    });
    source = upstreamDirectory(client);
  });
  afterAll(async () => {
    await stopLimiter?.();
    await sim?.close();
  });
  beforeEach(async () => {
    await fetch(`${sim!.url}/__simulator/reset`, { method: "POST" });
  });
  const log = throwawayAuditLogEach("directory-export-");

  return {
    get sim() {
      return sim!;
    },
    get source() {
      return source!;
    },
    get audit() {
      return log.audit;
    },
    async faults(rules) {
      const res = await fetch(`${sim!.url}/__simulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rules }),
      });
      if (!res.ok) throw new Error(`setting simulator faults failed: HTTP ${res.status}`);
    },
    async log() {
      const body = (await (await fetch(`${sim!.url}/__simulator/log`)).json()) as { entries: { path: string; status: number }[] };
      return body.entries;
    },
    async stream(exp, opts = {}) {
      const primed = await primeExport(exp, new AbortController().signal);
      return directoryCsvStream(primed, { audit: log.audit, actor: "officer", bom: opts.bom ?? false });
    },
  };
}

export function directoryQuery(kind: DirectoryExportKind, qs = ""): DirectoryExportQuery {
  const r = parseDirectoryExportQuery(new URLSearchParams(qs), kind);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

/** Reads a body to its end into `parts`; rejects as the body errors. */
export async function drain(stream: ReadableStream<Uint8Array>, parts: Uint8Array[]): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parts.push(value);
  }
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  await drain(stream, parts);
  return Buffer.concat(parts);
}

/** Reads a body that must end in an error part way: the bytes that arrived before it did. */
export async function drainUntilError(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const received: Uint8Array[] = [];
  await expect(drain(stream, received)).rejects.toBeDefined();
  return Buffer.concat(received);
}

/** An export's bytes and its CSV data rows, once the header is checked. */
export async function readCsvExport(stream: ReadableStream<Uint8Array>, header: readonly string[]): Promise<{ body: Buffer; rows: string[][] }> {
  const body = await readAll(stream);
  const records = parse(body) as string[][];
  expect(records[0]).toEqual([...header]);
  return { body, rows: records.slice(1) };
}

/** An export read whole: its header checked, its data rows exactly `expected` (read from the simulator's data). */
export async function expectWholeCsvExport(stream: ReadableStream<Uint8Array>, header: readonly string[], expected: string[][]): Promise<{ body: Buffer; rows: string[][] }> {
  const read = await readCsvExport(stream, header);
  expect(read.rows).toEqual(expected);
  return read;
}

type OrganizationExportOptions = { source: FullDirectorySource; organizations: Awaited<ReturnType<typeof selectOrganizations>>; query: DirectoryExportQuery };

/** An organization-scoped export (roles.csv, settings.csv) of what `qs` asks for, its organizations chosen as the route chooses them. */
export async function organizationExport(h: ExportHarness, kind: "roles" | "settings", qs: string, build: (opts: OrganizationExportOptions) => DirectoryCsvExport) {
  const query = directoryQuery(kind, qs);
  const organizations = await selectOrganizations(h.source, query.orgs, new AbortController().signal);
  return h.stream(build({ source: h.source, organizations, query }), { bom: query.bom });
}

/** The audit entry the export left matches `expected`, with the length and SHA-256 of exactly the bytes sent. */
export async function expectAuditedExport(audit: JsonlAuditStore, body: Buffer, expected: Record<string, unknown>): Promise<void> {
  const [entry] = (await audit.list()).entries;
  expect(entry).toMatchObject({ ...expected, bytes: body.length });
  expect(entry!.sha256).toBe(createHash("sha256").update(body).digest("hex"));
}

/** A stand-in source for records the simulator never generates; every call not given fails the test. */
export function stubSource(over: Partial<FullDirectorySource>): FullDirectorySource {
  const missing = (name: string) => () => {
    throw new Error(`stub source: ${name} was not expected`);
  };
  return {
    organizationPages: missing("organizationPages"),
    userPages: missing("userPages"),
    rolePages: missing("rolePages"),
    permissionPages: missing("permissionPages"),
    groupPages: missing("groupPages"),
    memberPages: missing("memberPages"),
    organizationSettings: missing("organizationSettings"),
    ...over,
  };
}

/** One page of records as a walk yields it (the walkers skip empty pages). */
export async function* pagesOf<T>(...pages: T[][]): AsyncGenerator<T[]> {
  for (const p of pages) if (p.length > 0) yield p;
}
