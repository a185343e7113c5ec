import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { z } from "zod";
import { config } from "@/lib/server/config";
import type { Directory } from "@/lib/shared/directory/types";
import type { Database } from "@/lib/server/store/database";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { sliceBreather } from "@/lib/server/directory/time-slices";
import { holdShutdownFor } from "@/lib/server/shutdown/held-work";
import { directoryOfFactLists, factListsOfSync, type FactList } from "./directory-from-sync";

/*
 * A disposable copy of the newest sync's facts in this instance's DATA_DIR, so a restart reads them
 * in half a second, in slices, instead of the store's aggregate read (at 200,000 memberships the
 * embedded database holds the thread 1.4 s to several seconds for it). The store stays the
 * record: the copy is looked up by the sync id the store names as newest, and used only when its
 * format, sync id, sequence, the sync's digest and its own checksum all agree; anything else is
 * ignored and the copy rewritten from the store. With DATABASE_URL each instance keeps its own.
 *
 * The file: a 4-byte header length, the header (JSON), then pieces of at most PIECE_ITEMS records
 * each as one v8.serialize'd FactList[] (a long list spans pieces), so reading and writing give the
 * event loop back between pieces instead of holding it for one 50 MB (de)serialisation.
 */

/** Bumped whenever the pieces' shape or what a FactList holds changes: an older copy is then ignored. */
export const KEPT_FORMAT = 1;
const PIECE_ITEMS = 2_000;
const PREFIX = "directory-";
const SUFFIX = ".v8";

/** The sync's record as kept: a copy is used only for a sync whose record reads exactly so. */
export const keptSyncSchema = z.object({
  id: z.string(),
  seq: z.number(),
  sha256: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  upstreamCalls: z.number(),
});
export type KeptSync = z.infer<typeof keptSyncSchema>;

interface Header {
  format: number;
  sync: KeptSync;
  /** Byte length of each piece, in order. */
  pieces: number[];
  /** sha256 of every piece's bytes, in order. */
  checksum: string;
}

/** Where this instance keeps its copy: beside the embedded database, or alone in DATA_DIR with DATABASE_URL. */
export function keptDirectoryDir(): string {
  return path.join(config().dataDir, "kept-directory");
}

export function keptSyncOf(sync: SyncRecord): KeptSync {
  return { id: sync.id, seq: sync.seq, sha256: sync.sha256, startedAt: sync.startedAt.toISOString(), finishedAt: sync.finishedAt?.toISOString() ?? null, upstreamCalls: sync.upstreamCalls };
}

/** A copy is this sync's: same id, sequence, digest of its facts, times and calls. */
export function isKeptSyncOf(a: KeptSync, sync: SyncRecord): boolean {
  const b = keptSyncOf(sync);
  return a.id === b.id && a.seq === b.seq && a.sha256 === b.sha256 && a.startedAt === b.startedAt && a.finishedAt === b.finishedAt && a.upstreamCalls === b.upstreamCalls;
}

/**
 * Writes `file` in `dir` atomically (a crash leaves the old file or the new one), readable by the
 * server's own user only: what is kept holds the directory's people and access, as the database does.
 */
export async function writeKeptFile(dir: string, file: string, parts: readonly Uint8Array[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    for (const bytes of parts) await handle.write(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temporary, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temporary, file);
}

export function keptFileOf(dir: string, syncId: string): string {
  return path.join(dir, `${PREFIX}${syncId}${SUFFIX}`);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The lists cut into pieces of at most PIECE_ITEMS records, each piece one array of partial lists. */
function* piecesOf(lists: readonly FactList[]): Generator<FactList[]> {
  let piece: FactList[] = [];
  let room = PIECE_ITEMS;
  for (const list of lists) {
    let at = 0;
    do {
      const take = Math.min(room, list.items.length - at);
      piece.push({ kind: list.kind, scope: list.scope, items: list.items.slice(at, at + take) });
      at += take;
      room -= take;
      if (room === 0) {
        yield piece;
        piece = [];
        room = PIECE_ITEMS;
      }
    } while (at < list.items.length);
  }
  if (piece.length) yield piece;
}

/** Writes the copy of `sync`'s facts (replacing any other sync's), atomically: a crash leaves the old file or the new one. */
export async function keepFactLists(dir: string, sync: SyncRecord, lists: readonly FactList[]): Promise<void> {
  const breather = sliceBreather();
  const body: Buffer[] = [];
  const hash = createHash("sha256");
  for (const piece of piecesOf(lists)) {
    const bytes = v8.serialize(piece);
    hash.update(bytes);
    body.push(bytes);
    await breather();
  }
  const header: Header = { format: KEPT_FORMAT, sync: keptSyncOf(sync), pieces: body.map((b) => b.length), checksum: hash.digest("hex") };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);

  const file = keptFileOf(dir, sync.id);
  await writeKeptFile(dir, file, [length, headerBytes, ...body]);
  // Only the newest sync is kept: an older copy would never be asked for again.
  for (const name of await readdir(dir)) {
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name !== path.basename(file)) await rm(path.join(dir, name), { force: true });
  }
}

interface KeptCopy {
  header: Header;
  lists: FactList[];
}

/** A copy read and checked against itself (format, length, checksum); null when absent or damaged. */
async function readKeptCopy(file: string): Promise<KeptCopy | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  const name = path.basename(file);
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8")) as Header;
    const bodyAt = 4 + headerLength;
    if (header.format !== KEPT_FORMAT || typeof header.sync?.id !== "string" || !Array.isArray(header.pieces) || header.pieces.reduce((a, b) => a + b, 0) !== bytes.length - bodyAt) {
      console.warn(`The kept directory copy ${name} is of another format or cut short; the store is read instead.`);
      return null;
    }
    const breather = sliceBreather();
    const hash = createHash("sha256");
    const lists = new Map<string, FactList>();
    let at = bodyAt;
    for (const size of header.pieces) {
      const piece = bytes.subarray(at, at + size);
      at += size;
      hash.update(piece);
      for (const part of v8.deserialize(piece) as FactList[]) {
        const key = `${part.kind}\u0000${part.scope}`;
        const list = lists.get(key);
        if (list) for (const item of part.items) list.items.push(item);
        else lists.set(key, part);
      }
      await breather();
    }
    if (hash.digest("hex") !== header.checksum) {
      console.warn(`The kept directory copy ${name} fails its checksum; the store is read instead.`);
      return null;
    }
    return { header, lists: [...lists.values()] };
  } catch (err) {
    console.warn(`The kept directory copy ${name} is unreadable (${messageOf(err)}); the store is read instead.`);
    return null;
  }
}

/** The kept copy of `sync`'s facts, or null when there is none or it does not check out as that sync's. */
export async function keptFactLists(dir: string, sync: SyncRecord): Promise<FactList[] | null> {
  const copy = await readKeptCopy(keptFileOf(dir, sync.id));
  return copy && isKeptSyncOf(copy.header.sync, sync) ? copy.lists : null;
}

/**
 * A complete sync's directory: from the kept copy when it checks out as this sync's, else from the
 * store, then kept (in the background: the directory does not wait for the file).
 */
export async function keptDirectoryOfSync(database: Database, sync: SyncRecord, dir: string): Promise<Directory> {
  const kept = await keptFactLists(dir, sync);
  if (kept) return directoryOfFactLists(kept, sync);
  const lists = await factListsOfSync(database, sync);
  const directory = await directoryOfFactLists(lists, sync);
  // A stop waits for the copy: it is what spares the next start the store's read.
  void holdShutdownFor(keepFactLists(dir, sync, lists)).catch((err: unknown) => console.error(`could not keep a copy of sync ${sync.id}'s directory (the next start reads the store): ${messageOf(err)}`));
  return directory;
}
