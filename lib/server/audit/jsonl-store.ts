import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, open, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import {
  AUDIT_LIST_DEFAULT_LIMIT,
  AUDIT_LIST_MAX_LIMIT,
  auditEntrySchema,
  matchesAuditFilter,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditQuery,
  type NewAuditEntry,
} from "@/lib/shared/audit/entry";
import { InvalidAuditCursorError, type AuditStore } from "./store";

/*
 * The embedded audit store: one append-only JSON Lines file under the data directory.
 *
 * Durability: the file is opened once in append mode; appends that arrive together are written in
 * one write() and made durable with one datasync() (group commit), so a burst of logins costs one
 * sync, and append() resolves only after the entry is on disk. Lines are never rewritten, so a
 * line number is a stable position; the list cursor is one.
 *
 * A crash mid-write can leave a torn last line: the next append starts on a fresh line, and readers
 * skip (and report) lines that do not parse, so one torn line never hides the rest of the log.
 *
 * Safe for concurrent appends inside one process. Several processes must use a shared store.
 */

export const AUDIT_FILE_NAME = "audit-log.jsonl";

export { InvalidAuditCursorError };

interface Waiter {
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class JsonlAuditStore implements AuditStore {
  readonly file: string;
  private fh: FileHandle | undefined;
  private opening: Promise<FileHandle> | undefined;
  private needsNewline = false;
  private pending: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  constructor(file: string) {
    this.file = file;
  }

  /** The store of a data directory (`config().dataDir`): `<dataDir>/audit/audit-log.jsonl`. */
  static inDataDir(dataDir: string): JsonlAuditStore {
    return new JsonlAuditStore(path.resolve(dataDir, "audit", AUDIT_FILE_NAME));
  }

  async append(input: NewAuditEntry): Promise<AuditEntry> {
    if (this.closed) throw new Error("audit store is closed");
    const entry = auditEntrySchema.parse({
      ...input,
      id: input.id ?? randomUUID(),
      at: input.at ?? new Date().toISOString(),
      filters: input.filters ?? {},
    });
    const line = JSON.stringify(entry) + "\n";
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.kick();
    });
    return entry;
  }

  async list(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(1, query.limit ?? AUDIT_LIST_DEFAULT_LIMIT), AUDIT_LIST_MAX_LIMIT);
    let before = Number.POSITIVE_INFINITY;
    if (query.cursor !== undefined) {
      if (!/^[1-9]\d{0,15}$/.test(query.cursor)) throw new InvalidAuditCursorError();
      before = Number(query.cursor);
    }
    // Keep only the newest limit+1 matches before the cursor: memory stays bounded by the page size.
    const ring: { lineNo: number; entry: AuditEntry }[] = [];
    for await (const { lineNo, entry } of this.read()) {
      if (lineNo >= before) break;
      if (!matchesAuditFilter(entry, query)) continue;
      ring.push({ lineNo, entry });
      if (ring.length > limit + 1) ring.shift();
    }
    const more = ring.length > limit;
    const page = more ? ring.slice(1) : ring;
    return {
      entries: page.map((r) => r.entry).reverse(),
      next_cursor: more && page[0] ? String(page[0].lineNo) : null,
    };
  }

  async *scan(filter: AuditFilter = {}, signal?: AbortSignal): AsyncIterable<AuditEntry> {
    for await (const { entry } of this.read(signal)) {
      if (matchesAuditFilter(entry, filter)) yield entry;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const fh = this.fh ?? (this.opening ? await this.opening.catch(() => undefined) : undefined);
    this.fh = undefined;
    this.opening = undefined;
    await fh?.close();
  }

  /** Resolves once every append requested so far is on disk (reads see their own writes). */
  private async idle(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => {});
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const fh = await this.handle();
        const text = (this.needsNewline ? "\n" : "") + batch.map((w) => w.line).join("");
        this.needsNewline = true; // until the write is known to be whole
        await fh.write(text);
        await fh.datasync();
        this.needsNewline = false;
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
  }

  private handle(): Promise<FileHandle> {
    if (this.fh) return Promise.resolve(this.fh);
    this.opening ??= (async () => {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // Officers' names and export filters: readable by the server's user only.
      const fh = await open(this.file, "a+", 0o600);
      const { size } = await fh.stat();
      if (size > 0) {
        const { buffer } = await fh.read(Buffer.alloc(1), 0, 1, size - 1);
        this.needsNewline = buffer[0] !== 0x0a;
      }
      this.fh = fh;
      return fh;
    })().catch((e) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  private async *read(signal?: AbortSignal): AsyncGenerator<{ lineNo: number; entry: AuditEntry }> {
    await this.idle();
    try {
      await stat(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    const input = createReadStream(this.file, { encoding: "utf8" });
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    try {
      for await (const line of lines) {
        lineNo++;
        signal?.throwIfAborted();
        if (line.trim() === "") continue;
        let entry: AuditEntry;
        try {
          entry = auditEntrySchema.parse(JSON.parse(line));
        } catch {
          console.warn(`audit log ${this.file}: line ${lineNo} is unreadable and was skipped`);
          continue;
        }
        yield { lineNo, entry };
      }
    } finally {
      lines.close();
      input.destroy();
    }
  }
}
